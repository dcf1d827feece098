"""Calls a node's JSON-RPC API variant with plain urllib. Usage: api_json_check.py URL USER PASSWORD"""
import base64
import json
import sys
import urllib.error
import urllib.request


def check(ok, detail=""):
    """Raises AssertionError(detail) unless ok: an explicit raise, which python3 -O keeps."""
    if not ok:
        raise AssertionError(detail)


url, user, password = sys.argv[1:4]


def call(method, *params, auth=(user, password)):
    body = json.dumps({"jsonrpc": "2.0", "method": method, "params": list(params), "id": 7}).encode()
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    token = base64.b64encode(("%s:%s" % auth).encode()).decode()
    req.add_header("Authorization", "Basic " + token)
    with urllib.request.urlopen(req, timeout=20) as r:
        reply = json.loads(r.read())
    check(reply["id"] == 7, reply)
    return reply


check(call("helloWorld", "a", "b")["result"] == "a-b")
check(call("add", 40, 2)["result"] == 42)
err = call("nope")["error"]
check(err["code"] == 20 and err["message"] == "API Error 0020: Invalid method: nope", err)
addr = call("createRandomAddress", base64.b64encode(b"json").decode())["result"]
listed = call("listAddresses")["result"]["addresses"]
check([x["label"] for x in listed if x["address"] == addr] == ["json"], listed)
check(call("decodeAddress", addr)["result"]["status"] == "success")
try:
    call("helloWorld", "a", "b", auth=(user, "wrong"))
    raise AssertionError("wrong password accepted")
except urllib.error.HTTPError as e:
    check(e.code == 401, e.code)
print("json ok")
