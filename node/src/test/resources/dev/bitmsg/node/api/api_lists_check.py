"""Three running nodes in PyBitmessage's legacy API variant, driven the way PyBitmessage's own
bitmessagecli.py drives it (xmlrpc.client, json.loads on structured results, errors as
"API Error NNNN: ..." strings): blacklist, whitelist mode, a mailing list, cancel.

Usage: api_lists_check.py URL_A URL_B URL_C USER PASSWORD
A and C connect to B. Any failure raises (exit status 1); prints "ok" at the end.
"""
import base64
import hashlib
import json
import os
import sys
import time
import xmlrpc.client

url_a, url_b, url_c, user, password = sys.argv[1:6]


def proxy(url):
    host = url.split("://", 1)[1]
    return xmlrpc.client.ServerProxy("http://%s:%s@%s" % (user, password, host))


A, B, C = proxy(url_a), proxy(url_b), proxy(url_c)


def b64(s):
    return base64.b64encode(s.encode("utf-8")).decode("ascii")


def unb64(s):
    return base64.b64decode(s).decode("utf-8")


def wait(what, cond, limit=150):
    end = time.time() + limit
    while time.time() < end:
        v = cond()
        if v:
            return v
        time.sleep(0.25)
    raise AssertionError("timed out waiting for " + what)


def inbox(node):
    # bitmessagecli.py: json.loads(api.getAllInboxMessages())
    return [(m["fromAddress"], unb64(m["subject"]), unb64(m["message"]))
            for m in json.loads(node.getAllInboxMessages())["inboxMessages"]]


def subjects(node):
    return [s for _, s, _ in inbox(node)]


def ghost_address():
    """A well-formed v4 address whose keys nobody has (its pubkey never comes)."""
    ripe = os.urandom(20).lstrip(b"\x00")
    data = bytes([4, 1]) + ripe
    check = hashlib.sha512(hashlib.sha512(data).digest()).digest()[:4]
    n = int.from_bytes(data + check, "big")
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = alphabet[r] + out
    return "BM-" + out


# --- the legacy shapes
a_spam = A.createRandomAddress(b64("spammer"))
a_ok = A.createRandomAddress(b64("friend"))
b_me = B.createRandomAddress(b64("bob"))
c_list = C.createRandomAddress(b64("list"))
listed = json.loads(A.listAddresses())["addresses"]
assert {a_spam, a_ok} <= {x["address"] for x in listed}, listed
err = A.decodeAddress("BM-2cWzSnwjJ7yRP3nLEW")
assert isinstance(err, str) and err.startswith("API Error 0008:"), err
assert json.loads(B.getAllInboxMessages()) == {"inboxMessages": []}

# --- PyBitmessage's createRandomAddress arguments: eighteenByteRipe, demanded difficulty
short = A.createRandomAddress(b64("short"), True)
ripe = base64.b64decode(json.loads(A.decodeAddress(short))["ripe"])
assert ripe[:2] == b"\0\0" and len(short) < len(a_ok) + 1, (short, ripe.hex())
err = A.createRandomAddress(b64("x"), "yes")
assert err.startswith("API Error 0023:"), err
A.createRandomAddress(b64("hard"), False, 2, 1.5)  # the Java side checks what it demands
# (a shorter address costs some 65536 key pairs on average: one is enough here)

# --- blacklist (the default mode): a listed sender never reaches the inbox and gets no ack
assert B.getBlackWhitelistMode() == "black"
B.addBlacklistEntry(a_spam, b64("spam"))
entries = json.loads(B.listBlacklistEntries())
assert a_spam in json.dumps(entries), entries
blocked = A.sendMessage(b_me, a_spam, b64("blocked"), b64("buy now"))
wait("the blocked msg sent", lambda: A.getStatus(blocked) == "msgsent")
allowed = A.sendMessage(b_me, a_ok, b64("allowed"), b64("hello"))
wait("the allowed msg acknowledged", lambda: A.getStatus(allowed) == "ackreceived")
time.sleep(3)  # the blocked msg went out first; it had every chance to arrive
assert subjects(B) == ["allowed"], inbox(B)
assert A.getStatus(blocked) == "msgsent", A.getStatus(blocked)

# --- whitelist mode: only enabled whitelist entries reach the inbox
B.setBlackWhitelistMode("white")
assert B.getBlackWhitelistMode() == "white"
B.addWhitelistEntry(a_ok, b64("friend"))
stranger = A.sendMessage(b_me, a_spam, b64("not whitelisted"), b64("x"))
wait("the stranger's msg sent", lambda: A.getStatus(stranger) == "msgsent")
listed_ok = A.sendMessage(b_me, a_ok, b64("whitelisted"), b64("y"))
wait("the whitelisted msg acknowledged", lambda: A.getStatus(listed_ok) == "ackreceived")
time.sleep(3)
assert sorted(subjects(B)) == ["allowed", "whitelisted"], inbox(B)
B.setBlackWhitelistMode("black")

# --- a mailing list at C: what it receives goes out again as its broadcast
C.setMailingList(c_list, True, b64("Liste"))
assert unb64(json.loads(C.listMailingLists())["mailingLists"][0]["name"]) == "Liste"
B.addSubscription(c_list, b64("the list"))
post = A.sendMessage(c_list, a_ok, b64("Re: first post"), b64("to everyone"))
wait("the post acknowledged by the list", lambda: A.getStatus(post) == "ackreceived")
got = wait("the list's broadcast at B",
           lambda: [m for m in inbox(B) if m[1] == "[Liste] first post"])
frm, subject, body = got[0]
assert frm == c_list, got
assert "Message ostensibly from " + a_ok in body and body.endswith("to everyone"), body

# --- cancel: a msg waiting for a pubkey that never comes is stopped, with a word clients know
ghost = A.sendMessage(ghost_address(), a_ok, b64("never"), b64("z"))
wait("waiting for the pubkey", lambda: A.getStatus(ghost) == "awaitingpubkey")
assert A.cancelSending(ghost) == "cancelled"
assert A.getStatus(ghost) == "awaitingpubkey"  # the word PyBitmessage leaves on such a row
row = [m for m in json.loads(A.getAllSentMessages())["sentMessages"] if m["ackData"] == ghost]
assert row and row[0]["bitmsgStatus"] == "cancelled", row
# --- trash and undeleteMessage (PyBitmessage serves it in test mode only; here always)
allowed_id = [m["msgid"] for m in json.loads(B.getAllInboxMessages())["inboxMessages"]
              if unb64(m["subject"]) == "allowed"][0]
B.trashMessage(allowed_id)
assert "allowed" not in subjects(B), inbox(B)
trashed = json.loads(B.getInboxMessageById(allowed_id))["inboxMessage"]
assert trashed and trashed[0]["msgid"] == allowed_id, trashed  # by id, as in PyBitmessage
assert B.undeleteMessage(allowed_id) == "Undeleted message"
assert "allowed" in subjects(B), inbox(B)

# --- introspection, not wrapped in the legacy variant
assert A.system.methodSignature("helloWorld") == "signatures not supported"
help_text = A.system.methodHelp("sendMessage")
assert "ackData" in help_text or "ackdata" in help_text.lower(), help_text

# --- a wrong password is answered after PyBitmessage's 2 s pause
host = url_a.split("://", 1)[1]
t0 = time.monotonic()
try:
    xmlrpc.client.ServerProxy("http://%s:%s@%s" % (user, password + "x", host)).helloWorld("a", "b")
    raise AssertionError("wrong password accepted")
except xmlrpc.client.ProtocolError as e:
    assert e.errcode == 401, e.errcode
assert time.monotonic() - t0 >= 1.9, time.monotonic() - t0
print("ok")
