"""Reads a keys.dat the way PyBitmessage does (configparser with its '%' interpolation, getboolean,
getint) and prints one JSON line per address section: label, enabled, chan, mailinglist,
mailinglistname, dontsendack, noncetrialsperbyte and whether both private keys are there.

Usage: keysdat_check.py FILE
"""
import configparser
import json
import sys

config = configparser.ConfigParser()
with open(sys.argv[1], encoding="utf-8") as f:
    config.read_file(f)
assert config.has_section("bitmessagesettings"), config.sections()
for s in config.sections():
    if not s.startswith("BM-"):
        continue
    print(json.dumps({
        "address": s,
        "label": config.get(s, "label"),
        "enabled": config.getboolean(s, "enabled"),
        "chan": config.getboolean(s, "chan", fallback=False),
        "mailinglist": config.getboolean(s, "mailinglist", fallback=False),
        "mailinglistname": config.get(s, "mailinglistname", fallback=""),
        "dontsendack": config.getboolean(s, "dontsendack", fallback=False),
        "noncetrialsperbyte": config.getint(s, "noncetrialsperbyte"),
        "keys": config.get(s, "privsigningkey").startswith("5")
        and config.get(s, "privencryptionkey").startswith("5"),
    }, ensure_ascii=False, sort_keys=True))
