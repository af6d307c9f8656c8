// The batch forms of the ESP SA (issue 3): protectMany must give exactly the packets of protect()
// in a loop, and verifyMany exactly the results of verify() in a loop, for every algorithm pair.

import { createDecipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InboundSa, OutboundSa, toHex, wasmPrimitives, type Primitives, type VerifyResult } from '../src/index.js';
import { PAIRS, SPI, pairName, randomKeys, saPair, sharedIvs, type AlgorithmPair } from './helpers/esp.js';
import { nodePrimitives } from './helpers/node-primitives.js';
import { AesCbc, TripleDesCbc } from '../src/index.js';
import { core, keySlotOf, memoryBytes, memoryWords, Region } from '../src/wasm.js';

const UDP = 17;

/** A small seeded generator (mulberry32), so that a failing mix can be replayed. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return { next, int: (below: number) => Math.floor(next() * below) };
}

/** A result as plain data, payload in hex, for deep comparison. */
const plainResult = (result: VerifyResult) =>
  result.ok ? { ...result, payload: toHex(result.payload) } : { ok: false, reason: result.reason };

/** Random payloads: `count` of them, lengths 0..maxLength. */
const payloadsOf = (random: ReturnType<typeof prng>, count: number, maxLength = 1400) =>
  Array.from({ length: count }, () => randomBytes(random.int(maxLength + 1)));

/**
 * A batch of arriving packets mixing fresh, replayed (from this batch or earlier), tampered,
 * wrong-SPI, truncated, reordered and too-old packets, drawn from `sent`.
 */
function mixedBatch(random: ReturnType<typeof prng>, sent: Uint8Array[], from: number, to: number): Uint8Array[] {
  const batch: Uint8Array[] = [];
  for (let i = from; i < to; i++) {
    const packet = sent[i]!.slice();
    const roll = random.int(12);
    if (roll === 0) packet[random.int(packet.length)]! ^= 1 << random.int(8);
    if (roll === 1) packet[random.int(4)]! ^= 0x40;
    if (roll === 2) { batch.push(packet.subarray(0, random.int(packet.length))); continue; }
    if (roll === 3 && batch.length > 0) batch.push(batch[random.int(batch.length)]!);
    if (roll === 4) batch.push(sent[random.int(i + 1)]!);
    if (roll === 5 && i > 100) batch.push(sent[i - 100 + random.int(20)]!);
    if (roll === 6 && random.int(3) === 0) continue;
    batch.push(packet);
  }
  // Swap a few neighbours: out of order, still within the window.
  for (let k = 0; k < batch.length / 8; k++) {
    const a = random.int(batch.length), b = Math.min(batch.length - 1, a + 1 + random.int(5));
    [batch[a], batch[b]] = [batch[b]!, batch[a]!];
  }
  return batch;
}

describe.each(PAIRS.map((pair) => ({ ...pair, name: pairName(pair) })))('ESP SA batches $name', (pair) => {
  // With ESN the batch starts 3 below 2^32, so its sequence numbers carry into the high-order half.
  const start = (esn: boolean) => (esn ? 2n ** 32n - 3n : 1000n);

  /** An inbound SA whose window has accepted a packet 100 below start(esn), as a peer's would have. */
  function inbound(keys: ReturnType<typeof randomKeys>, esn: boolean): InboundSa {
    const sa = saPair(pair, { esn, keys }).inbound;
    const { outbound } = saPair(pair, { esn, keys, initialSequence: start(esn) - 100n });
    expect(sa.verify(outbound.protect(new Uint8Array(1), UDP)).ok).toBe(true);
    return sa;
  }

  it.each([false, true])('protectMany gives, byte for byte, the packets of protect() in a loop (esn %s)', (esn) => {
    const keys = randomKeys(pair), ivs = sharedIvs(), random = prng(1);
    const options = { esn, keys, initialSequence: start(esn) };
    const batched = saPair(pair, { ...options, ivSource: ivs() }).outbound;
    const single = saPair(pair, { ...options, ivSource: ivs() }).outbound;
    for (const count of [0, 1, 2, 7, 8, 9, 17, 64, 100]) {
      const payloads = payloadsOf(random, count);
      const packets = batched.protectMany(payloads, UDP);
      expect(packets.map(toHex)).toEqual(payloads.map((payload) => toHex(single.protect(payload, UDP))));
      expect(batched.sequence).toBe(single.sequence);
    }
  });

  it.each([false, true])('protectMany packets verify one by one with verify() (esn %s)', (esn) => {
    const keys = randomKeys(pair);
    const { outbound } = saPair(pair, { esn, keys, initialSequence: start(esn) });
    const receiver = inbound(keys, esn), random = prng(2);
    for (let round = 0; round < 5; round++) {
      const payloads = payloadsOf(random, random.int(101));
      const packets = outbound.protectMany(payloads, round);
      const results = packets.map((packet) => receiver.verify(packet));
      expect(results.map(plainResult)).toEqual(payloads.map((payload, i) => ({
        ok: true, payload: toHex(payload), nextHeader: round,
        seq: Number((outbound.sequence - BigInt(payloads.length - 1 - i)) & 0xffffffffn),
        seqHigh: Number((outbound.sequence - BigInt(payloads.length - 1 - i)) >> 32n),
      })));
    }
  });

  it.each([false, true])('verifyMany equals verify() in a loop on mixes of good and bad packets (esn %s)', (esn) => {
    const outcomes = new Set<string | boolean>();
    for (const seed of [3, 4, 5]) {
      const random = prng(seed), keys = randomKeys(pair);
      const { outbound } = saPair(pair, { esn, keys, initialSequence: start(esn) });
      const sent = outbound.protectMany(payloadsOf(random, 400, 300), UDP);
      const batched = inbound(keys, esn), single = inbound(keys, esn);
      for (let at = 0; at < sent.length;) {
        const to = Math.min(sent.length, at + random.int(101));
        const batch = mixedBatch(random, sent, at, to);
        const results = batched.verifyMany(batch);
        expect(results.map(plainResult)).toEqual(batch.map((packet) => plainResult(single.verify(packet))));
        expect(batched.highestSequence).toBe(single.highestSequence);
        for (const result of results) outcomes.add(result.ok || result.reason);
        at = to;
      }
    }
    // The mixes did exercise every outcome (padding needs a forged ICV, so it cannot occur here).
    expect([...outcomes].sort()).toEqual([true, 'icv', 'malformed', 'replay', 'spi'].sort());
  });

  it('verifyMany gives replay for a sequence number repeated within the batch, and across batches', () => {
    const { outbound, inbound } = saPair(pair);
    const [a, b] = outbound.protectMany([randomBytes(10), randomBytes(20)], UDP);
    expect(inbound.verifyMany([a!, b!, a!]).map((r) => r.ok || r.reason)).toEqual([true, true, 'replay']);
    expect(inbound.verifyMany([b!]).map((r) => r.ok || r.reason)).toEqual(['replay']);
  });

  it('verifyMany returns no plaintext for a packet whose ICV failed, and such a packet does not move the window', () => {
    const { outbound, inbound } = saPair(pair);
    const packet = outbound.protectMany([randomBytes(40)], UDP)[0]!.slice();
    const forged = packet.slice();
    forged[forged.length - 1]! ^= 1;
    const results = inbound.verifyMany([forged, packet]);
    expect(results.map((r) => r.ok || r.reason)).toEqual(['icv', true]);
    expect(Object.keys(results[0]!)).toEqual(['ok', 'reason']);
  });

  it.each([false, true])('refuses a batch that would exhaust the sequence space, consuming no number (esn %s)', (esn) => {
    const last = esn ? 2n ** 64n - 1n : 2n ** 32n - 1n;
    const { outbound, inbound } = saPair(pair, { esn, initialSequence: last - 3n });
    const payloads = payloadsOf(prng(6), 4, 100);
    expect(() => outbound.protectMany(payloads, UDP)).toThrow(/exhaust.*RFC 4303 section 3\.3\.3/);
    expect(outbound.sequence).toBe(last - 3n);
    const packets = outbound.protectMany(payloads.slice(0, 3), UDP);
    expect(outbound.sequence).toBe(last);
    expect(() => outbound.protectMany([new Uint8Array(1)], UDP)).toThrow(/exhaust/);
    expect(outbound.protectMany([], UDP)).toEqual([]);
    expect(packets.map((p) => new DataView(p.buffer, p.byteOffset).getUint32(4))).toEqual(
      [3n, 2n, 1n].map((back) => Number((last - back + 1n) & 0xffffffffn)));
    expect(inbound.verifyMany([]).length).toBe(0);
  });
});

describe('ESP SA batches: without the optional batch primitives', () => {
  it.each(PAIRS.filter((pair) => pair.integrity.startsWith('hmac')).flatMap((pair) => [false, true].map((esn) => ({ pair, esn }))))(
    'node:crypto primitives (no icvMany / encryptMany) give the same packets and results ($pair.integrity + $pair.encryption, esn $esn)',
    ({ pair, esn }) => {
      const keys = randomKeys(pair), ivs = sharedIvs(), random = prng(7);
      const common = { spi: SPI, ...pair, keys, esn };
      const onNode = new OutboundSa({ ...common, primitives: nodePrimitives, ivSource: ivs() });
      const onWasm = saPair(pair, { esn, keys, ivSource: ivs() }).outbound;
      const payloads = payloadsOf(random, 50);
      const packets = onNode.protectMany(payloads, UDP);
      expect(packets.map(toHex)).toEqual(onWasm.protectMany(payloads, UDP).map(toHex));
      const batch = mixedBatch(random, packets, 0, packets.length);
      const inboundNode = new InboundSa({ ...common, primitives: nodePrimitives });
      const inboundWasm = saPair(pair, { esn, keys }).inbound;
      expect(inboundNode.verifyMany(batch).map(plainResult)).toEqual(batch.map((p) => plainResult(inboundWasm.verify(p))));
    },
  );
});

describe('ESP SA batches: one call into the core per batch', () => {
  /** akacore's primitives, counting the single-message and batch calls made on them. */
  function counting() {
    const calls = { icv: 0, icvMany: 0, encrypt: 0, encryptMany: 0 };
    const primitives: Primitives = {
      ...wasmPrimitives,
      hmac(algorithm, key) {
        const t = wasmPrimitives.hmac(algorithm, key);
        return {
          ...t, icvLength: t.icvLength,
          icv: (data, tail) => { calls.icv++; return t.icv(data, tail); },
          icvMany: (m, o, l) => { calls.icvMany++; return t.icvMany!(m, o, l); },
        };
      },
      aesCbc(key) {
        const t = wasmPrimitives.aesCbc(key);
        return {
          ...t, blockSize: t.blockSize, ivLength: t.ivLength,
          encrypt: (iv, text) => { calls.encrypt++; return t.encrypt(iv, text); },
          encryptMany: (ivs, texts) => { calls.encryptMany++; return t.encryptMany!(ivs, texts); },
        };
      },
    };
    return { calls, primitives };
  }

  it.each([false, true])('hmac-sha-1-96 + aes-cbc: protectMany and verifyMany make one icvMany call, protectMany one encryptMany (esn %s)', (esn) => {
    const pair: AlgorithmPair = { integrity: 'hmac-sha-1-96', encryption: 'aes-cbc' };
    const { calls, primitives } = counting();
    const common = { spi: SPI, ...pair, keys: randomKeys(pair), esn, primitives };
    const outbound = new OutboundSa(common), inbound = new InboundSa(common);
    const payloads = payloadsOf(prng(8), 50);
    const packets = outbound.protectMany(payloads, UDP);
    expect(calls).toEqual({ icv: 0, icvMany: 1, encrypt: 0, encryptMany: 1 });
    const results = inbound.verifyMany(packets);
    expect(calls).toEqual({ icv: 0, icvMany: 2, encrypt: 0, encryptMany: 1 });
    expect(results.map((r) => r.ok && toHex(r.payload))).toEqual(payloads.map(toHex));
  });
});

describe('ESP SA batches: caller mistakes', () => {
  const pair: AlgorithmPair = { integrity: 'hmac-sha-1-96', encryption: 'aes-cbc' };

  it('protectMany throws TypeError / RangeError naming the field, and consumes no sequence number', () => {
    const { outbound } = saPair(pair);
    expect(() => outbound.protectMany('x' as never, UDP)).toThrow(/payloads must be an array/);
    expect(() => outbound.protectMany([new Uint8Array(1), 'x' as never], UDP)).toThrow(/payloads\[1\] must be a Uint8Array, got string/);
    expect(() => outbound.protectMany([new Uint8Array(1)], 256)).toThrow(/nextHeader must be an integer from 0 to 255/);
    expect(outbound.sequence).toBe(0n);
  });

  it('verifyMany throws on a non-array or a non-Uint8Array entry before touching the window', () => {
    const { outbound, inbound } = saPair(pair);
    const packet = outbound.protect(new Uint8Array(3), UDP);
    expect(() => inbound.verifyMany(null as never)).toThrow(/packets must be an array/);
    expect(() => inbound.verifyMany([packet, 5 as never])).toThrow(/packets\[1\] must be a Uint8Array, got number/);
    expect(inbound.highestSequence).toBe(0n);
  });

  it('both throw after dispose()', () => {
    const { outbound, inbound } = saPair(pair);
    outbound.dispose();
    inbound.dispose();
    expect(() => outbound.protectMany([], UDP)).toThrow(/after dispose/);
    expect(() => inbound.verifyMany([])).toThrow(/after dispose/);
  });
});

describe('ESP SA batch properties (fast-check)', () => {
  it('verifyMany(protectMany(x)) gives back every payload, for any batch and SA', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PAIRS), fc.boolean(), fc.array(fc.uint8Array({ maxLength: 1400 }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 255 }),
        (algorithms, esn, payloads, nextHeader) => {
          const { outbound, inbound } = saPair(algorithms, { esn });
          const results = inbound.verifyMany(outbound.protectMany(payloads, nextHeader));
          expect(results.map((r) => r.ok && r.nextHeader === nextHeader && toHex(r.payload))).toEqual(payloads.map(toHex));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the batch decryption kernels against node:crypto', () => {
  /**
   * Runs `kernel` on `count` random messages (lengths 0..maxBlocks blocks, random IVs) laid out in
   * linear memory with the descriptor format of assembly/cbc.ts, and compares each decrypted
   * message with node:crypto's CBC decryption of it.
   */
  function check(cipher: 'aes-128-cbc' | 'des-ede3-cbc', count: number, maxBlocks: number, random: ReturnType<typeof prng>) {
    const block = cipher === 'aes-128-cbc' ? 16 : 8, key = randomBytes(cipher === 'aes-128-cbc' ? 16 : 24);
    const owner = cipher === 'aes-128-cbc' ? new AesCbc(key) : new TripleDesCbc(key);
    const messages = Array.from({ length: count }, () => randomBytes(block * random.int(maxBlocks + 1)));
    const ivs = messages.map(() => randomBytes(block));
    const total = messages.reduce((sum, m) => sum + m.length, 0);
    const region = new Region(12 * count + block * count + total + 16);
    try {
      const bytes = memoryBytes(), words = memoryWords();
      let at = region.ptr + 12 * count;
      messages.forEach((message, i) => {
        bytes.set(ivs[i]!, at);
        bytes.set(message, at + block);
        words.set([at + block, message.length, at], (region.ptr >>> 2) + 3 * i);
        at += block + message.length;
      });
      const slot = keySlotOf(owner)!.live().ptr;
      if (cipher === 'aes-128-cbc') core().cbcDecryptMany(slot, region.ptr, count);
      else core().tdesDecryptCbcMany(slot, region.ptr, count);
      messages.forEach((message, i) => {
        const from = words[(region.ptr >>> 2) + 3 * i]!;
        const decipher = createDecipheriv(cipher, key, ivs[i]!).setAutoPadding(false);
        const expected = Buffer.concat([decipher.update(message), decipher.final()]);
        expect(toHex(memoryBytes().subarray(from, from + message.length))).toBe(expected.toString('hex'));
      });
    } finally {
      region.free();
      owner.dispose();
    }
  }

  it('cbcDecryptMany: every message as AES-128-CBC decrypts it, for batches of any shape', () => {
    const random = prng(11);
    for (const count of [0, 1, 2, 3, 7, 8, 9, 33, 100]) for (const maxBlocks of [0, 1, 3, 9, 90]) check('aes-128-cbc', count, maxBlocks, random);
  });

  it('tdesDecryptCbcMany: every message as 3DES-CBC decrypts it, on the one-block and the bitsliced engines', () => {
    const random = prng(12);
    // Fewer than 10 blocks in all go one by one; more stream 128 blocks a pass.
    for (const count of [0, 1, 2, 5, 40, 150]) for (const maxBlocks of [0, 1, 4, 20, 180]) check('des-ede3-cbc', count, maxBlocks, random);
  });
});

describe('ESP SA batches: packets and payloads handed out as views of blocks', () => {
  const pairs: AlgorithmPair[] = [
    { integrity: 'hmac-sha-1-96', encryption: 'aes-cbc' },
    { integrity: 'null', encryption: 'aes-gcm-16' },
    { integrity: 'aes-gmac', encryption: 'null' },
  ];

  it.each(pairs)('$integrity + $encryption: large and small packets mixed, later batches overwrite nothing handed out before', (pair) => {
    const keys = randomKeys(pair), ivs = sharedIvs(), random = prng(21);
    const batched = saPair(pair, { keys, ivSource: ivs() }).outbound;
    const single = saPair(pair, { keys, ivSource: ivs() }).outbound;
    const receiver = saPair(pair, { keys }).inbound;
    const kept: { packets: Uint8Array[]; hex: string[]; payloads: Uint8Array[]; payloadHex: string[] }[] = [];
    // Packets above 8 KiB get arrays of their own; a payload above 64 KiB a block of its own.
    for (const lengths of [[9000, 3, 70000, 1400], Array.from({ length: 300 }, () => random.int(1401)), [0, 8200, 8100, 20]]) {
      const payloads = lengths.map((length) => randomBytes(length));
      const packets = batched.protectMany(payloads, UDP);
      const hex = packets.map(toHex);
      expect(hex).toEqual(payloads.map((payload) => toHex(single.protect(payload, UDP))));
      const results = receiver.verifyMany(packets);
      const opened = results.map((r) => (r.ok ? r.payload : new Uint8Array(0)));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(opened.map(toHex)).toEqual(payloads.map(toHex));
      kept.push({ packets, hex, payloads: opened, payloadHex: payloads.map(toHex) });
    }
    for (const { packets, hex, payloads, payloadHex } of kept) {
      expect(packets.map(toHex)).toEqual(hex);
      expect(payloads.map(toHex)).toEqual(payloadHex);
    }
    // Views of one batch do not overlap: changing one packet or payload leaves its neighbours alone.
    const { packets, hex, payloads, payloadHex } = kept[1]!;
    packets[5]!.fill(0xee);
    payloads[5]!.fill(0xee);
    expect(packets.map(toHex).filter((_, i) => i !== 5)).toEqual(hex.filter((_, i) => i !== 5));
    expect(payloads.map(toHex).filter((_, i) => i !== 5)).toEqual(payloadHex.filter((_, i) => i !== 5));
  });

  it('a batch after the caller transferred (detached) a packet\'s buffer starts a new block', () => {
    const pair: AlgorithmPair = { integrity: 'null', encryption: 'aes-gcm-16' };
    const { outbound, inbound } = saPair(pair);
    const [first] = outbound.protectMany([randomBytes(100)], UDP);
    structuredClone(first!.buffer, { transfer: [first!.buffer] });
    expect(first!.length).toBe(0);
    const payloads = [randomBytes(50), randomBytes(700)];
    const packets = outbound.protectMany(payloads, UDP);
    expect(packets.map((p) => p.length)).toEqual(payloads.map((p) => outbound.packetLength(p.length)));
    const results = inbound.verifyMany(packets);
    expect(results.map((r) => r.ok && toHex(r.payload))).toEqual(payloads.map(toHex));
  });
});
