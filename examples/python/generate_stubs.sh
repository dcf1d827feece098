#!/usr/bin/env bash
# Generates the Python messages and gRPC stubs of pow.proto (PoW service) and events.proto (node
# push stream) into OUT (default: ./generated).
# Uses grpc_tools if the Python has it, else protoc + grpc_python_plugin (Debian packages
# protobuf-compiler and protobuf-compiler-grpc).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROTO_ROOT="$HERE/../../proto/src/main/proto"
OUT="${1:-$HERE/generated}"
PY="${PYTHON:-/usr/bin/python3}"
mkdir -p "$OUT"
if "$PY" -c 'import grpc_tools' 2>/dev/null; then
  "$PY" -m grpc_tools.protoc -I "$PROTO_ROOT" --python_out="$OUT" --grpc_python_out="$OUT" \
    bitmessage/pow/v1/pow.proto bitmessage/node/v1/events.proto
else
  plugin="$(command -v grpc_python_plugin || true)"
  [[ -n "$plugin" ]] || { echo "generate_stubs.sh: need grpc_tools or grpc_python_plugin" >&2; exit 2; }
  protoc -I "$PROTO_ROOT" --python_out="$OUT" --grpc_out="$OUT" --plugin=protoc-gen-grpc="$plugin" \
    bitmessage/pow/v1/pow.proto bitmessage/node/v1/events.proto
fi
# Make the generated tree importable as packages.
for d in "$OUT/bitmessage" "$OUT/bitmessage/pow" "$OUT/bitmessage/pow/v1" "$OUT/bitmessage/node" \
    "$OUT/bitmessage/node/v1"; do touch "$d/__init__.py"; done
