#!/usr/bin/python3
"""Solves a small Bitmessage object through the PoW service (SolveObject), then checks the answer
twice: with the service's Validate and locally (initial hash, trial value, network target).

Prints one JSON line; exit status 0 only when both checks pass.

usage: /usr/bin/python3 solve_object.py --server 127.0.0.1:8446 [--ttl 300]
           [--token-file FILE | --token T]   (else the environment's BM_POW_TOKEN)
           [--ca FILE | --tls] [--cert FILE --key FILE]
           [--stubs DIR]   (DIR from generate_stubs.sh)

TLS: --ca FILE trusts that certificate (e.g. the service's self-signed one); --tls uses the system
roots; --cert/--key add a client certificate for mutual TLS. Without them the call is plaintext,
fine on loopback only: a token sent in clear over a network can be read by anyone on the path.
"""
import argparse
import hashlib
import json
import os
import struct
import sys
import time


def build_object(ttl_seconds):
    """nonce(8) | expiresTime(8) | objectType(4) = 2 (msg) | version 1 | stream 1 | payload."""
    expires = int(time.time()) + ttl_seconds
    return struct.pack(">QQI", 0, expires, 2) + bytes([1, 1]) + b"hello from python"


def trial_value(obj):
    """First 8 bytes, big-endian, of SHA-512(SHA-512(nonce_be8 || SHA-512(object[8:])))."""
    initial_hash = hashlib.sha512(obj[8:]).digest()
    digest = hashlib.sha512(hashlib.sha512(obj[:8] + initial_hash).digest()).digest()
    return struct.unpack(">Q", digest[:8])[0]


def network_target(length, ttl, ntpb=1000, extra=1000):
    """floor(2^64 / (ntpb * (L + floor(TTL * L / 2^16)))), L = length + extra, TTL >= 300."""
    ttl = max(ttl, 300)
    size = length + extra
    return 2 ** 64 // (ntpb * (size + ttl * size // 2 ** 16))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="127.0.0.1:8446")
    parser.add_argument("--token", default="", help="visible in ps: prefer --token-file")
    parser.add_argument("--token-file", help="the token: first line of FILE")
    parser.add_argument("--ca", help="trust this CA / self-signed certificate (PEM); implies TLS")
    parser.add_argument("--tls", action="store_true", help="TLS with the system roots")
    parser.add_argument("--cert", help="client certificate (PEM) for mutual TLS")
    parser.add_argument("--key", help="client private key (PEM) for mutual TLS")
    parser.add_argument("--ttl", type=int, default=300)
    parser.add_argument("--stubs", default=os.path.join(os.path.dirname(__file__), "generated"))
    args = parser.parse_args()

    sys.path.insert(0, args.stubs)
    import grpc
    from bitmessage.pow.v1 import pow_pb2, pow_pb2_grpc

    token = args.token or os.environ.get("BM_POW_TOKEN", "")
    if args.token_file:
        with open(args.token_file, encoding="utf-8") as f:
            token = f.readline().strip()
    if (args.cert is None) != (args.key is None):
        parser.error("--cert and --key: give both or neither")
    metadata = [("authorization", "Bearer " + token)] if token else []
    if args.ca or args.tls or args.cert:
        def read(path):
            if path is None:
                return None
            with open(path, "rb") as f:
                return f.read()
        credentials = grpc.ssl_channel_credentials(
            root_certificates=read(args.ca), private_key=read(args.key),
            certificate_chain=read(args.cert))
        channel = grpc.secure_channel(args.server, credentials)
    else:
        channel = grpc.insecure_channel(args.server)
    with channel:
        stub = pow_pb2_grpc.ProofOfWorkStub(channel)
        obj = build_object(args.ttl)
        try:
            solved = stub.SolveObject(
                pow_pb2.SolveObjectRequest(object=obj, priority=pow_pb2.PRIORITY_INTERACTIVE),
                metadata=metadata, timeout=120)
            verdict = stub.Validate(
                pow_pb2.ValidateRequest(object=pow_pb2.ObjectCheck(object=solved.object)),
                metadata=metadata, timeout=30)
        except grpc.RpcError as e:
            print("solve_object.py: gRPC %s: %s" % (e.code().name, e.details()), file=sys.stderr)
            return 2

    done = solved.object
    nonce = struct.unpack(">Q", done[:8])[0]
    trial = trial_value(done)
    expires = struct.unpack(">Q", done[8:16])[0]
    local_target = network_target(len(done), expires - int(time.time()))
    valid_local = (nonce == solved.nonce and trial == solved.trial_value
                   and trial <= local_target and done[8:] == obj[8:])
    print(json.dumps({
        "client": "python",
        "nonce": str(nonce),
        "trial_value": str(trial),
        "target": str(solved.target),
        "local_target": str(local_target),
        "engine": solved.engine,
        "valid_server": verdict.valid,
        "valid_local": valid_local,
    }))
    return 0 if verdict.valid and valid_local else 1


if __name__ == "__main__":
    sys.exit(main())
