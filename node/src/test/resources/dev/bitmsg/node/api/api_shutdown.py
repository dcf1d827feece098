"""Stops a running node through the PyBitmessage client API with Python's own xmlrpc.client.

Usage: api_shutdown.py URL USER PASSWORD   (URL like http://127.0.0.1:PORT/)
Creates an address (a write the node must keep), waits until the node has a peer, calls
shutdown (which must answer "done"), then checks the API stops answering. Any failure raises
(exit status 1); prints "shutdown ok" and the new address at the end.
"""
import http.client
import sys
import time
import xml.parsers.expat
import xmlrpc.client


def check(ok, detail=""):
    """Raises AssertionError(detail) unless ok: an explicit raise, which python3 -O keeps."""
    if not ok:
        raise AssertionError(detail)


url, user, password = sys.argv[1:4]
host = url.split("://", 1)[1]
api = xmlrpc.client.ServerProxy("http://%s:%s@%s" % (user, password, host))

address = api.createRandomAddress("c2h1dGRvd24gdGVzdA==")  # base64 "shutdown test"
check(address.startswith("BM-"), address)

end = time.time() + 60
while api.clientStatus()["networkConnections"] < 1:
    check(time.time() < end, "the node never connected to its peer")
    time.sleep(0.2)

check(api.shutdown() == "done")

end = time.time() + 60
while True:
    try:
        api.helloWorld("still", "there")
    except (
        OSError,
        http.client.HTTPException,  # IncompleteRead: a chunked reply cut off mid-way
        xmlrpc.client.ProtocolError,
        xml.parsers.expat.ExpatError,
    ):
        break  # refused, reset, or cut off mid-reply while the server stops: not answering
    check(time.time() < end, "the API still answers after shutdown")
    time.sleep(0.2)
print("shutdown ok " + address)
