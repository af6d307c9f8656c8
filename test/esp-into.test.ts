// The zero-allocation forms of the ESP SA (issue 3): OutboundSa.protectInto must write exactly the
// packet protect() returns, and InboundSa.verifyInto must give exactly what verify() gives, for
// every algorithm pair, on akacore's primitives and on node:crypto's (the generic path); and both
// must refuse a caller's mistake before touching the sequence number or the window.

import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InboundSa, OutboundSa, toHex, type VerifyIntoResult, type VerifyResult } from '../src/index.js';
import { PAIRS, SPI, pairName, randomKeys, saPair, sharedIvs, type AlgorithmPair } from './helpers/esp.js';
import { nodePrimitives } from './helpers/node-primitives.js';

const UDP = 17;

/** What verifyInto left, in verify()'s shape, for comparison. */
function asVerifyResult(result: VerifyIntoResult, out: Uint8Array, offset: number) {
  if (!result.ok) return { ok: false, reason: result.reason };
  const { length, nextHeader, seq, seqHigh } = result;
  return { ok: true, payload: toHex(out.subarray(offset, offset + length)), nextHeader, seq, seqHigh };
}
const plain = (result: VerifyResult) =>
  result.ok ? { ...result, payload: toHex(result.payload) } : { ok: false, reason: result.reason };

const primitivesOf = { wasm: undefined, node: nodePrimitives } as const;

describe.each(PAIRS.flatMap((pair) => [false, true].map((esn) => ({ pair, esn, name: `${pairName(pair)}, esn ${esn}` }))))(
  'protectInto / verifyInto: $name',
  ({ pair, esn }) => {
    it.each(['wasm', 'node'] as const)('protectInto writes the packet of protect() at any offset (%s primitives)', (on) => {
      const keys = randomKeys(pair), ivs = sharedIvs();
      const common = { spi: SPI, ...pair, keys, esn, ...(on === 'node' ? { primitives: primitivesOf.node } : {}) };
      const into = new OutboundSa({ ...common, ivSource: ivs() }), single = new OutboundSa({ ...common, ivSource: ivs() });
      const out = new Uint8Array(1600);
      for (const length of [0, 1, 13, 64, 100, 511, 1400]) {
        const payload = randomBytes(length), offset = length % 7;
        out.fill(0xa5);
        const written = into.protectInto(payload, UDP, out, offset);
        const expected = single.protect(payload, UDP);
        expect(written).toBe(expected.length);
        expect(written).toBe(into.packetLength(length));
        expect(toHex(out.subarray(offset, offset + written))).toBe(toHex(expected));
        expect(out.subarray(0, offset).every((b) => b === 0xa5) && out.subarray(offset + written).every((b) => b === 0xa5)).toBe(true);
      }
      expect(into.sequence).toBe(single.sequence);
    });

    it.each(['wasm', 'node'] as const)('verifyInto gives what verify() gives, good packets and bad (%s primitives)', (on) => {
      const keys = randomKeys(pair);
      const common = { spi: SPI, ...pair, keys, esn, ...(on === 'node' ? { primitives: primitivesOf.node } : {}) };
      const outbound = new OutboundSa(common), into = new InboundSa(common), single = new InboundSa(common);
      const sent = Array.from({ length: 40 }, (_, i) => outbound.protect(randomBytes(i * 17), i));
      const arriving: Uint8Array[] = [];
      sent.forEach((packet, i) => {
        const copy = packet.slice();
        if (i % 5 === 1) copy[copy.length - 1 - (i % copy.length)]! ^= 0x10; // tampered: icv
        if (i % 7 === 2) copy[0]! ^= 1; // spi
        arriving.push(i % 11 === 3 ? copy.subarray(0, 9) : copy); // malformed
        if (i % 6 === 4) arriving.push(copy); // replay when the first copy was good
      });
      const out = new Uint8Array(1600);
      for (const packet of arriving) {
        out.fill(0);
        const got = asVerifyResult(into.verifyInto(packet, out, 3), out, 3);
        expect(got).toEqual(plain(single.verify(packet)));
        // Nothing is written for a packet that failed.
        if (!got.ok) expect(out.every((b) => b === 0)).toBe(true);
      }
      expect(into.highestSequence).toBe(single.highestSequence);
    });
  },
);

describe('protectInto / verifyInto: details', () => {
  const pair: AlgorithmPair = { integrity: 'hmac-sha-1-96', encryption: 'aes-cbc' };

  it('verifyInto reuses its success object (documented), so it allocates none', () => {
    const { outbound, inbound } = saPair(pair);
    const out = new Uint8Array(100);
    const a = inbound.verifyInto(outbound.protect(new Uint8Array(5), UDP), out);
    const seqA = a.ok && a.seq;
    const b = inbound.verifyInto(outbound.protect(new Uint8Array(9), UDP), out);
    expect(seqA).toBe(1);
    expect(b).toBe(a);
    expect(b).toEqual({ ok: true, length: 9, nextHeader: UDP, seq: 2, seqHigh: 0 });
  });

  it('protect() keeps working after a caller transfers a packet\'s shared block to another thread', () => {
    const { outbound, inbound } = saPair(pair);
    const first = outbound.protect(new Uint8Array(20), UDP);
    structuredClone(first.buffer, { transfer: [first.buffer] });
    expect(first.length).toBe(0);
    const payload = randomBytes(40);
    const second = outbound.protect(payload, UDP);
    expect(second.length).toBeGreaterThan(40);
    const opened = inbound.verify(second);
    expect(opened.ok && toHex(opened.payload)).toBe(toHex(payload));
  });

  it('caller mistakes throw TypeError / RangeError naming the field and sizes, and use no sequence number or window slot', () => {
    const { outbound, inbound } = saPair(pair);
    const payload = new Uint8Array(30), length = outbound.packetLength(30);
    expect(length).toBe(8 + 16 + 32 + 12);
    expect(() => outbound.protectInto(payload, UDP, 'x' as never)).toThrow(/out must be a Uint8Array, got string/);
    expect(() => outbound.protectInto(payload, UDP, new Uint8Array(length - 1))).toThrow(
      new RangeError(`out must have room for the ${length}-byte packet from offset 0, got ${length - 1} bytes`));
    expect(() => outbound.protectInto(payload, UDP, new Uint8Array(length + 2), 3)).toThrow(/from offset 3, got 67 bytes/);
    expect(() => outbound.protectInto(payload, UDP, new Uint8Array(length), -1)).toThrow(/offset must be an integer from 0 to out.length/);
    expect(() => outbound.protectInto(payload, 256, new Uint8Array(length))).toThrow(/nextHeader must be an integer/);
    expect(() => outbound.packetLength(-1)).toThrow(/payloadLength must be a non-negative integer/);
    expect(outbound.sequence).toBe(0n);
    const packet = new Uint8Array(length);
    outbound.protectInto(payload, UDP, packet);
    expect(inbound.payloadRoom(length)).toBe(length - 8 - 16 - 12 - 2);
    expect(() => inbound.verifyInto(packet, new Uint8Array(10))).toThrow(
      new RangeError(`out must have room for 30 bytes of payload (a ${length}-byte packet) from offset 0, got 10`));
    expect(() => inbound.verifyInto(packet, null as never)).toThrow(/out must be a Uint8Array, got null/);
    expect(() => inbound.verifyInto([] as never, new Uint8Array(10))).toThrow(/packet must be a Uint8Array, got Array/);
    expect(inbound.highestSequence).toBe(0n);
    expect(inbound.verifyInto(packet, new Uint8Array(30))).toMatchObject({ ok: true, length: 30 });
    outbound.dispose();
    inbound.dispose();
    expect(() => outbound.protectInto(payload, UDP, packet)).toThrow(/after dispose/);
    expect(() => inbound.verifyInto(packet, new Uint8Array(30))).toThrow(/after dispose/);
  });
});

describe('padding failures: verify, verifyInto and verifyMany agree', () => {
  // hmac-sha-1-96 + null, built here with node:crypto: payload | padding | Pad Length | Next Header | ICV
  // with a valid ICV, so that only the padding is wrong (RFC 4303 section 2.4).
  const keys = randomKeys({ integrity: 'hmac-sha-1-96', encryption: 'null' });
  const build = (seq: number, text: number[]) => {
    const body = Buffer.concat([Buffer.from([0x12, 0x34, 0x56, 0x78]), Buffer.from([0, 0, 0, seq]), Buffer.from(text)]);
    const icv = createHmac('sha1', keys.integrityKey!).update(body).digest().subarray(0, 12);
    return new Uint8Array(Buffer.concat([body, icv]));
  };
  const packets = [
    build(1, [0xaa, 0xbb, 1, 2, 2, UDP]), // good: payload aa bb, padding 1 2
    build(2, [0xaa, 0xbb, 1, 3, 2, UDP]), // padding 1 3: not the default series
    build(3, [0xaa, 0xbb, 9, 9, 200, UDP]), // Pad Length past the start
    build(4, [0xcc, 0xdd, 0xee, 0xff, 0, 59]), // no padding, a dummy packet's next header
  ];
  const sa = (checkPadding: boolean) =>
    new InboundSa({ spi: 0x12345678, integrity: 'hmac-sha-1-96', encryption: 'null', keys, checkPadding });

  it.each([true, false])('checkPadding %s', (checkPadding) => {
    const expected = packets.map((p) => plain(sa(checkPadding).verify(p)));
    expect(expected.map((r) => r.ok || r.reason)).toEqual([true, checkPadding ? 'padding' : true, 'padding', true]);
    const one = sa(checkPadding);
    expect(packets.map((p) => plain(one.verify(p)))).toEqual(expected);
    const many = sa(checkPadding);
    expect(many.verifyMany(packets).map(plain)).toEqual(expected);
    // The window moved for every packet whose ICV was right, padding or not (RFC 4303 section 3.4.3).
    expect(many.verifyMany(packets).map((r) => r.ok || r.reason)).toEqual(['replay', 'replay', 'replay', 'replay']);
    const into = sa(checkPadding), out = new Uint8Array(64);
    expect(packets.map((p) => asVerifyResult(into.verifyInto(p, out), out, 0))).toEqual(expected);
  });
});
