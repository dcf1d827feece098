"""Writes a PyBitmessage v0.6 data directory the way PyBitmessage writes it.

Usage: pybitmessage_datadir.py SPEC.json DIR

keys.dat through configparser (PyBitmessage's BMConfigParser is a ConfigParser: '%' escaped as
'%%', values written with write()), messages.dat through sqlite3 with the CREATE statements of
class_sqlThread.py at schema version 11 (blobs for msgid, ackdata, sighash, toripe; the received
time as a number in a text column), knownnodes.dat as knownnodes.json_serialize_knownnodes writes
it (json.dump, indent 4). The identities and messages come from SPEC (keys made by the test).
"""
import configparser
import json
import os
import sqlite3
import sys

spec = json.load(open(sys.argv[1], encoding="utf-8"))
out = sys.argv[2]
os.makedirs(out, exist_ok=True)

# keys.dat
config = configparser.ConfigParser()
config.add_section("bitmessagesettings")
for k, v in spec["settings"].items():
    config.set("bitmessagesettings", k, v)
for a in spec["identities"]:
    s = a["address"]
    config.add_section(s)
    config.set(s, "label", a["label"].replace("%", "%%"))
    config.set(s, "enabled", "true" if a["enabled"] else "false")
    config.set(s, "decoy", "false")
    if a.get("chan"):
        config.set(s, "chan", "true")
    config.set(s, "noncetrialsperbyte", str(a.get("noncetrialsperbyte", 1000)))
    config.set(s, "payloadlengthextrabytes", str(a.get("payloadlengthextrabytes", 1000)))
    config.set(s, "privsigningkey", a["privsigningkey"])
    config.set(s, "privencryptionkey", a["privencryptionkey"])
    config.set(s, "lastpubkeysendtime", "0")
    if a.get("mailinglistname"):
        config.set(s, "mailinglist", "true")
        config.set(s, "mailinglistname", a["mailinglistname"].replace("%", "%%"))
    if a.get("dontsendack"):
        config.set(s, "dontsendack", "true")
with open(os.path.join(out, "keys.dat"), "w", encoding="utf-8") as f:
    config.write(f)

# messages.dat
conn = sqlite3.connect(os.path.join(out, "messages.dat"))
cur = conn.cursor()
cur.execute("PRAGMA secure_delete = true")
cur.execute(
    "CREATE TABLE inbox (msgid blob, toaddress text, fromaddress text, subject text,"
    " received text, message text, folder text, encodingtype int, read bool, sighash blob,"
    " UNIQUE(msgid) ON CONFLICT REPLACE)")
cur.execute(
    "CREATE TABLE sent (msgid blob, toaddress text, toripe blob, fromaddress text, subject text,"
    " message text, ackdata blob, senttime integer, lastactiontime integer,"
    " sleeptill integer, status text, retrynumber integer, folder text, encodingtype int, ttl int)")
cur.execute("CREATE TABLE subscriptions (label text, address text, enabled bool)")
cur.execute(
    "CREATE TABLE addressbook (label text, address text, UNIQUE(address) ON CONFLICT IGNORE)")
cur.execute("CREATE TABLE blacklist (label text, address text, enabled bool)")
cur.execute("CREATE TABLE whitelist (label text, address text, enabled bool)")
cur.execute(
    "CREATE TABLE pubkeys (address text, addressversion int, transmitdata blob, time int,"
    " usedpersonally text, UNIQUE(address) ON CONFLICT REPLACE)")
cur.execute(
    "CREATE TABLE inventory (hash blob, objecttype int, streamnumber int, payload blob,"
    " expirestime integer, tag blob, UNIQUE(hash) ON CONFLICT REPLACE)")
cur.execute(
    "INSERT INTO subscriptions VALUES"
    "('Bitmessage new releases/announcements','BM-GtovgYdgs7qXPkoYaRgrLFuFKz1SFpsw',1)")
cur.execute("CREATE TABLE settings (key blob, value blob, UNIQUE(key) ON CONFLICT REPLACE)")
cur.execute("INSERT INTO settings VALUES('version','11')")
cur.execute("INSERT INTO settings VALUES('lastvacuumtime',?)", (1700000000,))
cur.execute(
    "CREATE TABLE objectprocessorqueue"
    " (objecttype int, data blob, UNIQUE(objecttype, data) ON CONFLICT REPLACE)")
for m in spec["inbox"]:
    # helper_inbox.insert's tuple: inventory hash, to, from, subject, int(time), body, folder,
    # encoding, read, sighash
    cur.execute(
        "INSERT INTO inbox VALUES (?,?,?,?,?,?,?,?,?,?)",
        (bytes.fromhex(m["msgid"]), m["to"], m["from"], m["subject"], m["received"],
         m["body"], m["folder"], 2, m["read"], bytes.fromhex(m["sighash"])))
for m in spec["sent"]:
    # helper_sent.insert's tuple
    cur.execute(
        "INSERT INTO sent VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (bytes.fromhex(m["msgid"]), m["to"], bytes.fromhex(m["toripe"]), m["from"],
         m["subject"], m["body"], bytes.fromhex(m["ackdata"]), m["senttime"], m["senttime"],
         0, m["status"], 0, m["folder"], 2, m["ttl"]))
for table in ("addressbook", "blacklist", "whitelist", "subscriptions"):
    for e in spec.get(table, []):
        if table == "addressbook":
            cur.execute("INSERT INTO addressbook VALUES (?,?)", (e["label"], e["address"]))
        else:
            cur.execute(
                "INSERT INTO %s VALUES (?,?,?)" % table, (e["label"], e["address"], e["enabled"]))
cur.execute(
    "INSERT INTO pubkeys VALUES (?,?,?,?,?)", ("BM-unused", 4, b"\x00" * 10, 1700000000, "no"))
conn.commit()
conn.close()

# knownnodes.dat
nodes = []
for n in spec["knownnodes"]:
    nodes.append({"stream": n["stream"], "peer": {"host": n["host"], "port": n["port"]},
                  "info": {"lastseen": n["lastseen"], "rating": round(n["rating"], 2),
                           "self": n.get("self", False)}})
with open(os.path.join(out, "knownnodes.dat"), "w") as f:
    json.dump(nodes, f, indent=4)
print("written", out)
