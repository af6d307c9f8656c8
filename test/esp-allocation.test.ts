// Issue 3: per-packet work allocates nothing in steady state. A million small packets go through
// OutboundSa.protectInto and InboundSa.verifyInto over several algorithm pairs; afterwards the
// WebAssembly memory has not grown, the JS heap after a full collection has not grown beyond a
// small bound, and (the stricter check) the young generation was not collected more than a couple
// of times: a loop that allocated even a small object per packet would collect dozens of times
// (V8's young generation is a few MiB). Release build only: the debug build is too slow for a
// million packets (see vitest.config.ts).

import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { core, type Kernels } from '../src/wasm.js';
import { randomKeys, saPair, type AlgorithmPair } from './helpers/esp.js';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const PACKETS = 1_000_000;
const UDP = 17;

/** Mixed pairs: HMAC with each cipher, AES-GCM, AES-GMAC; ESN on some. */
const SAS: { pair: AlgorithmPair; esn: boolean }[] = [
  { pair: { integrity: 'hmac-sha-1-96', encryption: 'null' }, esn: false },
  { pair: { integrity: 'hmac-md5-96', encryption: 'aes-cbc' }, esn: true },
  { pair: { integrity: 'hmac-sha-1-96', encryption: 'aes-cbc' }, esn: false },
  { pair: { integrity: 'hmac-sha-1-96', encryption: 'des-ede3-cbc' }, esn: false },
  { pair: { integrity: 'null', encryption: 'aes-gcm-16' }, esn: true },
  { pair: { integrity: 'aes-gmac', encryption: 'null' }, esn: false },
];

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Runs `packets` packets through protectInto / verifyInto, cycling over the SAs; returns the failures. */
function makeLoop() {
  const sides = SAS.map(({ pair, esn }) => saPair(pair, { esn, keys: randomKeys(pair) }));
  // Payload lengths 0..95 in a fixed cycle, so the scratch region reaches its largest size in warm-up.
  const payloads = Array.from({ length: 96 }, (_, n) => new Uint8Array(n).fill(n));
  const packet = new Uint8Array(256), plain = new Uint8Array(256);
  // A view of `packet` for each SA and payload length, made once: what arrives as one datagram.
  const views = sides.map(({ outbound }) => payloads.map((p) => packet.subarray(0, outbound.packetLength(p.length))));
  let count = 0;
  return (packets: number): number => {
    let failures = 0;
    for (let i = 0; i < packets; i++, count++) {
      const sa = count % sides.length, n = count % payloads.length;
      const { outbound, inbound } = sides[sa]!, payload = payloads[n]!, view = views[sa]![n]!;
      const length = outbound.protectInto(payload, UDP, packet);
      const result = inbound.verifyInto(view, plain);
      if (length !== view.length || !result.ok || result.length !== payload.length || plain[payload.length - 1] !== payload[payload.length - 1]) failures++;
    }
    return failures;
  };
}

describe('ESP: no allocation per packet in steady state', () => {
  it(`protectInto + verifyInto over ${PACKETS.toLocaleString('en')} packets: no memory growth, (almost) no GC`, () => {
    const run = makeLoop();
    expect(run(20_000)).toBe(0); // warm-up: JIT, scratch region at its largest
    const memory = (core() as Kernels).memory;
    const wasmBefore = memory.buffer.byteLength;
    const heapBefore = heapAfterGc();
    const profiler = new v8.GCProfiler();
    profiler.start();
    const failures = run(PACKETS);
    const collections = profiler.stop().statistics.length;
    const heapGrowth = heapAfterGc() - heapBefore;
    expect(failures).toBe(0);
    expect(memory.buffer.byteLength, 'WebAssembly memory after the loop').toBe(wasmBefore);
    expect(heapGrowth, 'JS heap growth after a full collection').toBeLessThan(256 * 1024);
    // Measured: 0. One 56-byte object per packet gives 7; a view per packet more.
    expect(collections, 'garbage collections during the loop').toBeLessThanOrEqual(2);
  });

  it('the batch and allocating forms (protectMany / verifyMany, protect / verify) keep nothing either', () => {
    const sides = SAS.map(({ pair, esn }) => saPair(pair, { esn, keys: randomKeys(pair) }));
    const payloads = Array.from({ length: 32 }, (_, n) => new Uint8Array(3 * n).fill(n));
    const run = (rounds: number) => {
      let failures = 0;
      for (let r = 0; r < rounds; r++) {
        for (const { outbound, inbound } of sides) {
          for (const result of inbound.verifyMany(outbound.protectMany(payloads, UDP))) if (!result.ok) failures++;
          if (!inbound.verify(outbound.protect(payloads[r % 32]!, UDP)).ok) failures++;
        }
      }
      return failures;
    };
    expect(run(200)).toBe(0);
    const memory = (core() as Kernels).memory, wasmBefore = memory.buffer.byteLength, heapBefore = heapAfterGc();
    expect(run(2_000)).toBe(0); // 6 SAs x 2,000 x 33 = 396,000 packets
    expect(memory.buffer.byteLength, 'WebAssembly memory after the loop').toBe(wasmBefore);
    expect(heapAfterGc() - heapBefore, 'JS heap growth after a full collection').toBeLessThan(256 * 1024);
  });
});
