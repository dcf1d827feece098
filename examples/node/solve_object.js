#!/usr/bin/env node
// Solves a small Bitmessage object through the PoW service (SolveObject), then checks the answer
// twice: with the service's Validate and locally (initial hash, trial value, network target).
// Prints one JSON line; exit status 0 only when both checks pass.
//
// usage: node solve_object.js --server 127.0.0.1:8446 [--ttl 300]
//          [--token-file FILE | --token T]   (else the environment's BM_POW_TOKEN)
//          [--ca FILE | --tls true] [--cert FILE --key FILE]
//
// TLS: --ca FILE trusts that certificate (e.g. the service's self-signed one); --tls true uses the
// system roots; --cert/--key add a client certificate for mutual TLS. Without them the call is
// plaintext, fine on loopback only: a token sent in clear over a network can be read on the path.
'use strict';

const path = require('path');
const crypto = require('crypto');
const fs = require('fs');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO = path.join(__dirname, '..', '..', 'proto', 'src', 'main', 'proto',
  'bitmessage', 'pow', 'v1', 'pow.proto');

function args(argv) {
  const out = {
    server: '127.0.0.1:8446', token: '', 'token-file': '', ca: '', tls: '', cert: '', key: '', ttl: 300,
  };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in out) || i + 1 >= argv.length) {
      throw new Error(`unknown or incomplete option ${argv[i]}`);
    }
    out[key] = key === 'ttl' ? Number(argv[i + 1]) : argv[i + 1];
  }
  if (!out.cert !== !out.key) {
    throw new Error('--cert and --key: give both or neither');
  }
  return out;
}

// TLS when --ca, --tls or a client certificate is given; plaintext otherwise (loopback only).
function credentials(opts) {
  if (!opts.ca && !opts.tls && !opts.cert) {
    return grpc.credentials.createInsecure();
  }
  const read = (f) => (f ? fs.readFileSync(f) : null);
  return grpc.credentials.createSsl(read(opts.ca), read(opts.key), read(opts.cert));
}

function token(opts) {
  if (opts['token-file']) {
    return fs.readFileSync(opts['token-file'], 'utf8').split('\n')[0].trim();
  }
  return opts.token || process.env.BM_POW_TOKEN || '';
}

// nonce(8) | expiresTime(8) | objectType(4) = 2 (msg) | version var_int 1 | stream var_int 1 | payload
function buildObject(ttlSeconds) {
  const header = Buffer.alloc(22);
  const expires = BigInt(Math.floor(Date.now() / 1000) + ttlSeconds);
  header.writeBigUInt64BE(0n, 0);
  header.writeBigUInt64BE(expires, 8);
  header.writeUInt32BE(2, 16);
  header[20] = 1;
  header[21] = 1;
  return Buffer.concat([header, Buffer.from('hello from node', 'ascii')]);
}

const sha512 = (b) => crypto.createHash('sha512').update(b).digest();

// First 8 bytes, big-endian, of SHA-512(SHA-512(nonce_be8 || initialHash)).
function trialValue(object) {
  const initialHash = sha512(object.subarray(8));
  return sha512(sha512(Buffer.concat([object.subarray(0, 8), initialHash]))).readBigUInt64BE(0);
}

// target = floor(2^64 / (ntpb * (L + floor(TTL * L / 2^16)))), L = length + extra, TTL >= 300.
function networkTarget(length, ttl) {
  const ntpb = 1000n;
  const len = BigInt(length) + 1000n;
  const t = BigInt(Math.max(ttl, 300));
  return (1n << 64n) / (ntpb * (len + (t * len) / 65536n));
}

function call(client, method, request, metadata) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline: Date.now() + 120000 }, (err, res) =>
      err ? reject(err) : resolve(res));
  });
}

async function main() {
  const opts = args(process.argv);
  const def = protoLoader.loadSync(PROTO, { keepCase: true, longs: String, enums: String, defaults: true });
  const pow = grpc.loadPackageDefinition(def).bitmessage.pow.v1;
  const client = new pow.ProofOfWork(opts.server, credentials(opts));
  const metadata = new grpc.Metadata();
  const bearer = token(opts);
  if (bearer) {
    metadata.set('authorization', `Bearer ${bearer}`);
  }
  try {
    const object = buildObject(opts.ttl);
    const solved = await call(client, 'SolveObject',
      { object, priority: 'PRIORITY_INTERACTIVE' }, metadata);
    const done = Buffer.from(solved.object);
    const nonce = done.readBigUInt64BE(0);
    const trial = trialValue(done);
    const now = Math.floor(Date.now() / 1000);
    const expires = Number(done.readBigUInt64BE(8));
    const localTarget = networkTarget(done.length, expires - now);
    const validLocal = nonce === BigInt(solved.nonce)
      && trial === BigInt(solved.trial_value)
      && trial <= localTarget
      && done.subarray(8).equals(object.subarray(8));
    const verdict = await call(client, 'Validate', { object: { object: done } }, metadata);
    const report = {
      client: 'node',
      nonce: nonce.toString(),
      trial_value: trial.toString(),
      target: solved.target,
      local_target: localTarget.toString(),
      engine: solved.engine,
      valid_server: verdict.valid,
      valid_local: validLocal,
    };
    console.log(JSON.stringify(report));
    process.exitCode = verdict.valid && validLocal ? 0 : 1;
  } finally {
    client.close();
  }
}

main().catch((e) => {
  console.error(`solve_object.js: ${e.code !== undefined ? `gRPC ${e.code}: ` : ''}${e.details || e.message}`);
  process.exitCode = 2;
});
