"""Drives two running nodes through the PyBitmessage client API with Python's own xmlrpc.client.

Usage: api_check.py URL_A URL_B USER PASSWORD [xml|json]   (URLs like http://127.0.0.1:PORT/)
With "json" the same calls go over the JSON-RPC variant (errors mapped to xmlrpc.client.Fault).
Every listed API method is called and its result checked; any failure raises (exit status 1).
Prints "covered: <method> ..." at the end.
"""
import base64
import hashlib
import sys
import time
import json
import urllib.error
import urllib.request
import xmlrpc.client


def check(ok, detail=""):
    """Raises AssertionError(detail) unless ok: an explicit raise, which python3 -O keeps."""
    if not ok:
        raise AssertionError(detail)


url_a, url_b, user, password = sys.argv[1:5]
variant = sys.argv[5] if len(sys.argv) > 5 else "xml"
covered = set()


class JsonProxy:
    """The JSON-RPC variant behind the same interface as xmlrpc.client.ServerProxy."""

    def __init__(self, url, u, p, name=""):
        self._url, self._u, self._p, self._name = url, u, p, name

    def __getattr__(self, name):
        return JsonProxy(self._url, self._u, self._p, self._name + "." + name if self._name else name)

    def __call__(self, *params):
        body = json.dumps({"jsonrpc": "2.0", "method": self._name, "params": list(params), "id": 1}).encode()
        req = urllib.request.Request(self._url, data=body, headers={"Content-Type": "application/json"})
        req.add_header("Authorization", "Basic " + base64.b64encode(("%s:%s" % (self._u, self._p)).encode()).decode())
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                reply = json.loads(r.read())
        except urllib.error.HTTPError as e:
            raise xmlrpc.client.ProtocolError(self._url, e.code, e.reason, {})
        if reply.get("error"):
            raise xmlrpc.client.Fault(reply["error"]["code"], reply["error"]["message"])
        return reply["result"]


def proxy(url, u=user, p=password):
    if variant == "json":
        return JsonProxy(url, u, p)
    host = url.split("://", 1)[1]
    return xmlrpc.client.ServerProxy("http://%s:%s@%s" % (u, p, host))


class Tracked:
    def __init__(self, url):
        self._p = proxy(url)

    def __getattr__(self, name):
        method = getattr(self._p, name)

        def call(*args):
            covered.add(name)
            return method(*args)
        return call


A = Tracked(url_a)
B = Tracked(url_b)


def b64(s):
    return base64.b64encode(s.encode("utf-8")).decode("ascii")


def unb64(s):
    return base64.b64decode(s).decode("utf-8")


def fault(code, fn, *args):
    try:
        fn(*args)
    except xmlrpc.client.Fault as f:
        check(f.faultCode == code, (code, f.faultCode, f.faultString))
        prefix = "API Error %04d: " % code
        check(f.faultString.startswith(prefix), f.faultString)
        return f.faultString
    raise AssertionError("expected fault %d from %r" % (code, args))


def wait(what, cond, limit=150):
    end = time.time() + limit
    while time.time() < end:
        v = cond()
        if v:
            return v
        time.sleep(0.25)
    raise AssertionError("timed out waiting for " + what)


# --- transport, auth, errors
try:
    proxy(url_a, user, password + "x").helloWorld("a", "b")
    raise AssertionError("wrong password accepted")
except xmlrpc.client.ProtocolError as e:
    check(e.errcode == 401, e.errcode)
check(A.helloWorld("hello", "world") == "hello-world")
check(A.add(2, 3) == 5)
check(A.statusBar("working") == "success")
check(fault(20, A.test).endswith("Invalid method: test"))
fault(0, A.helloWorld, "only one")
methods = proxy(url_a).system.listMethods()
covered.add("system.listMethods")

check("helloWorld" in proxy(url_a).system.methodHelp("helloWorld"))
covered.add("system.methodHelp")

# --- addresses
addr_a = A.createRandomAddress(b64("alice"))
addr_b = B.createRandomAddress(b64("bob"))
check(addr_a.startswith("BM-") and addr_b.startswith("BM-"))
listed = A.listAddresses()["addresses"]
me = [x for x in listed if x["address"] == addr_a][0]
check([unb64(x["label"]) for x in A.listAddresses2()["addresses"] if x["address"] == addr_a] == ["alice"])
check(me["label"] == "alice" and me["stream"] == 1 and me["enabled"] is True and me["chan"] is False, me)
d = A.decodeAddress(addr_a)
check(d["status"] == "success" and d["addressVersion"] == 4 and d["streamNumber"] == 1, d)
ripe = base64.b64decode(d["ripe"])
check(len(ripe) == 20)
fault(8, A.decodeAddress, "BM-2cWzSnwjJ7yRP3nLEW")
det = A.createDeterministicAddresses(b64("correct horse"), 2)["addresses"]
check(len(det) == 2, det)
check(A.createDeterministicAddresses(b64("correct horse"), 2)["addresses"] == [])
check(A.getDeterministicAddress(b64("correct horse"), 4, 1) == det[0])
fault(1, A.createDeterministicAddresses, b64(""))
fault(2, A.createDeterministicAddresses, b64("x"), 1, 5)
fault(3, A.createDeterministicAddresses, b64("x"), 1, 4, 2)
fault(4, A.createDeterministicAddresses, b64("x"), 0)
fault(5, A.createDeterministicAddresses, b64("x"), 1000)
check(A.deleteAddress(det[1]) == "success")
check(det[1] not in [x["address"] for x in A.listAddresses()["addresses"]])
fault(13, A.deleteAddress, det[1])
fault(8, A.deleteAddress, addr_a[:-1] + ("2" if addr_a[-1] != "2" else "3"))
check(A.enableAddress(det[0], False) == "success")
fault(14, A.sendMessage, addr_b, det[0], b64("s"), b64("m"))

chan = A.createChan(b64("api test chan"))
fault(24, A.createChan, b64("api test chan"))
fault(18, B.joinChan, b64("another chan"), chan)
check(B.joinChan(b64("api test chan"), chan) == "success")
fault(24, B.joinChan, b64("api test chan"), chan)
fault(25, A.leaveChan, addr_a)
check([x for x in B.listAddresses()["addresses"] if x["address"] == chan][0]["chan"] is True)

# --- address book, subscriptions
check(A.addAddressBookEntry(addr_b, b64("bob")) == "Added address %s to address book" % addr_b)
fault(16, A.addAddressBookEntry, addr_b, b64("bob"))
book = A.listAddressBookEntries()["addresses"]
check([unb64(x["label"]) for x in book if x["address"] == addr_b] == ["bob"], book)
check("Deleted" in A.deleteAddressBookEntry(addr_b))
check(A.listAddressBookEntries()["addresses"] == [])
check(B.addSubscription(addr_a, b64("alice news")) == "Added subscription.")
fault(16, B.addSubscription, addr_a, b64("again"))
subs = B.listSubscriptions()["subscriptions"]
check([unb64(s["label"]) for s in subs if s["address"] == addr_a] == ["alice news"], subs)

# --- sending
fault(6, A.sendMessage, addr_b, addr_a, b64("s"), b64("m"), 1)
fault(13, A.sendMessage, addr_b, addr_b, b64("s"), b64("m"))
fault(9, A.sendMessage, "BM-0OIl", addr_a, b64("s"), b64("m"))
fault(27, A.sendMessage, addr_b, addr_a, b64("s"), b64("x" * (1 << 18)))
ack = A.sendMessage(addr_b, addr_a, b64("hello bob"), b64("first message\nsecond line"), 2, 3600)
check(len(ack) == 76, ack)
statuses = set()


def acked():
    s = A.getStatus(ack)
    statuses.add(s)
    return s == "ackreceived"


wait("ack of A->B", acked)
sent = A.getSentMessageByAckData(ack)["sentMessage"][0]
check(unb64(sent["subject"]) == "hello bob" and sent["toAddress"] == addr_b and sent["status"] == "ackreceived", sent)
all_sent = A.getAllSentMessages()["sentMessages"]
check(sent["msgid"] in [x["msgid"] for x in all_sent])
check({"msgid": sent["msgid"]} in A.getAllSentMessageIds()["sentMessageIds"])
check(A.getSentMessageById(sent["msgid"])["sentMessage"][0]["ackData"] == ack)
check(sent["msgid"] in [x["msgid"] for x in A.getSentMessagesBySender(addr_a)["sentMessages"]])
check(A.getStatus("00" * 38) == "notfound")

# Extension: own pubkey publications and getpubkey requests as persistent work with a state.
work = wait("B's pubkey sent", lambda: [w for w in B.listPubkeyWork()["pubkeyWork"]
                                        if w["kind"] == "pubkey" and w["address"] == addr_b and w["status"] == "sent"])
check(work[0]["reason"] in ("new address", "getpubkey"), work)
check(work[0]["expiresTime"] > work[0]["lastActionTime"] and "powBy" in work[0], work)
covered.add("listPubkeyWork")
fault(15, A.getStatus, "abcd")

got = wait("inbox at B", lambda: [m for m in B.getAllInboxMessages()["inboxMessages"]
                                  if unb64(m["subject"]) == "hello bob"])[0]
check(unb64(got["message"]) == "first message\nsecond line" and got["fromAddress"] == addr_a, got)
check(got["toAddress"] == addr_b and got["encodingType"] == 2 and got["read"] == 0, got)
check({"msgid": got["msgid"]} in B.getAllInboxMessageIds()["inboxMessageIds"])
one = B.getInboxMessageById(got["msgid"], True)["inboxMessage"][0]
check(one["read"] == 1, one)
check(B.getInboxMessageById("ab" * 32)["inboxMessage"] == [])
check([m["msgid"] for m in B.getInboxMessagesByReceiver(addr_b)["inboxMessages"]] == [got["msgid"]])

# chan message from B reaches A
chan_ack = B.sendMessage(chan, chan, b64("to the chan"), b64("chan body"))
wait("chan message at A", lambda: [m for m in A.getAllInboxMessages()["inboxMessages"]
                                   if unb64(m["subject"]) == "to the chan"])
wait("chan sent", lambda: B.getStatus(chan_ack) == "msgsentnoackexpected")

# broadcast A -> subscriber B
back = A.sendBroadcast(addr_a, b64("news 1"), b64("all the news"), 2, 3600)
wait("broadcast sent", lambda: A.getStatus(back) == "broadcastsent")
bc = wait("broadcast at B", lambda: [m for m in B.getAllInboxMessages()["inboxMessages"]
                                     if unb64(m["subject"]) == "news 1"])[0]
check(bc["toAddress"] == "[Broadcast subscribers]" and bc["fromAddress"] == addr_a, bc)

# broadcast objects are found by the sender's tag
def varint(n):
    return bytes([n])


tag = hashlib.sha512(hashlib.sha512(varint(4) + varint(1) + ripe).digest()).digest()[32:]
datas = A.getMessageDataByDestinationHash(tag.hex())["receivedMessageDatas"]
check(len(datas) == 1, datas)
fault(19, A.getMessageDataByDestinationHash, "abcd")

# dissemination: a known object comes back as its inventory hash; a zeroed nonce is re-worked
raw = bytes.fromhex(datas[0]["data"])
inv = hashlib.sha512(hashlib.sha512(raw).digest()).digest()[:32].hex()
check(B.disseminatePreEncryptedMsg(raw.hex()) == inv)
reworked = B.disseminatePreEncryptedMsg((b"\0" * 8 + raw[8:]).hex(), 1000, 1000)
check(len(reworked) == 64 and reworked != inv)
fault(22, B.disseminatePreEncryptedMsg, "zz")

# a v2 pubkey object without its nonce: the node does the PoW and stores it
import struct

signing = hashlib.sha512(b"signing").digest()
encryption = hashlib.sha512(b"encryption").digest()
pubkey = struct.pack(">QIBB", int(time.time()) + 3600, 1, 2, 1) + struct.pack(">I", 1) + signing + encryption
check(B.disseminatePubkey(pubkey.hex()) == "")
fault(22, B.disseminatePubkey, struct.pack(">QIBB", int(time.time()) + 3600, 2, 1, 1).hex() + "00" * 30)

# trash
check("Trashed" in B.trashMessage(got["msgid"]))
check(got["msgid"] not in [m["msgid"] for m in B.getAllInboxMessages()["inboxMessages"]])
check("Trashed" in A.trashSentMessage(sent["msgid"]))
check("Trashed" in B.trashInboxMessage(bc["msgid"]))
check(bc["msgid"] not in [m["msgid"] for m in B.getAllInboxMessages()["inboxMessages"]])
check("Trashed" in A.trashSentMessageByAckData(back))
check(A.getStatus(back) == "broadcastsent")  # trashed rows stay visible by id, as in PyBitmessage
check(B.getInboxMessageById(got["msgid"])["inboxMessage"][0]["msgid"] == got["msgid"])
check(sent["msgid"] not in [m["msgid"] for m in A.getAllSentMessages()["sentMessages"]])
# trashed messages go for good; the chan message at A was never trashed and stays
check(B.deleteAndVacuum() == "done")
check(A.deleteAndVacuum() == "done")
check(B.getInboxMessageById(got["msgid"])["inboxMessage"] == [])
check(A.getStatus(back) == "notfound")
check([m for m in A.getAllInboxMessages()["inboxMessages"] if unb64(m["subject"]) == "to the chan"])
check(B.deleteAndVacuum() == "done")  # nothing left to delete
# an API that does not own its node process refuses to stop it
check("shutdown is not available" in fault(21, A.shutdown))
check(B.deleteSubscription(addr_a) == "Deleted subscription if it existed.")
check(B.listSubscriptions()["subscriptions"] == [])
check(B.leaveChan(chan) == "success")

# status
cs = A.clientStatus()
check(cs["networkConnections"] >= 1 and cs["networkStatus"] in (
    "connectedButHaveNotReceivedIncomingConnections", "connectedAndReceivingIncomingConnections"), cs)
check(cs["numberOfBroadcastsProcessed"] >= 1, cs)
check(cs["numberOfObjectsRelayedByInv"] >= 0 and cs["numberOfObjectsRelayedByGetdata"] >= 0, cs)
conns = A.listConnections()
check(len(conns["inbound"]) + len(conns["outbound"]) >= 1, conns)

missing = [m for m in covered if m not in methods and m != "test"]
check(not missing, missing)
print("statuses seen: " + " ".join(sorted(statuses)))
print("covered: " + " ".join(sorted(covered)))
