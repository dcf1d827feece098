#!/usr/bin/env python3
"""Follows a running node's push stream (bitmessage.node.v1.NodeEvents) and prints one JSON line
per event: new inbox messages, status changes of sent messages, connection changes.

  examples/python/generate_stubs.sh
  /usr/bin/python3 examples/python/node_events.py --server 127.0.0.1:8447 --user bitmsg --password PW

The node serves the stream with `./bm node --api 127.0.0.1:8442 --events 127.0.0.1:8447`; the
credentials are the client API's (DATA/api.conf).
"""
import argparse
import base64
import os
import sys

sys.path.insert(0, os.environ.get("STUBS", os.path.join(os.path.dirname(os.path.abspath(__file__)), "generated")))

import grpc  # noqa: E402
from google.protobuf import json_format  # noqa: E402
from bitmessage.node.v1 import events_pb2, events_pb2_grpc  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--server", required=True, help="HOST:PORT of the node's --events")
    ap.add_argument("--user", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--max-events", type=int, default=0, help="stop after this many events (0: never)")
    ap.add_argument("--inbox", action="store_true", help="only inbox messages (plus the first Hello)")
    args = ap.parse_args()

    token = base64.b64encode(("%s:%s" % (args.user, args.password)).encode()).decode()
    with grpc.insecure_channel(args.server) as channel:
        stub = events_pb2_grpc.NodeEventsStub(channel)
        stream = stub.Subscribe(events_pb2.SubscribeRequest(inbox=args.inbox),
                                metadata=[("authorization", "Basic " + token)])
        seen = 0
        try:
            for event in stream:
                print(json_format.MessageToJson(event, indent=None), flush=True)
                seen += 1
                if args.max_events and seen >= args.max_events:
                    stream.cancel()
                    break
        except grpc.RpcError as e:
            if e.code() == grpc.StatusCode.CANCELLED:
                return 0
            print("node_events.py: %s: %s" % (e.code().name, e.details()), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
