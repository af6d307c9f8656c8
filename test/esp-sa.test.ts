import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InboundSa, OutboundSa, toHex, type VerifyResult } from '../src/index.js';
import {
  PAIRS, SPI, counting, ivLength, pairName, randomKeys, referencePacket, saPair, type AlgorithmPair,
} from './helpers/esp.js';
import { nodePrimitives, recording, type CallLog } from './helpers/node-primitives.js';
import { wasmPrimitives } from '../src/index.js';

const UDP = 17;
const payloadOf = (result: VerifyResult) => {
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return result.payload;
};

describe.each(PAIRS.map((pair) => ({ ...pair, name: pairName(pair) })))('ESP SA $name', (pair) => {
  it.each([false, true])('round-trips every payload length from 0 to 2048 (esn %s)', (esn) => {
    const { outbound, inbound } = saPair(pair, { esn });
    for (let length = 0; length <= 2048; length++) {
      const payload = randomBytes(length);
      const packet = outbound.protect(payload, UDP);
      const result = inbound.verify(packet);
      expect(result.ok && toHex(result.payload) === toHex(payload) && result.nextHeader === UDP && result.seq === length + 1).toBe(true);
    }
    outbound.dispose();
    inbound.dispose();
  });

  it.each([false, true])('matches an ESP encoder written from the RFCs with node:crypto (esn %s)', (esn) => {
    const keys = randomKeys(pair);
    const ivs: Uint8Array[] = [];
    const seqHigh = esn ? 7 : 0;
    const { outbound } = saPair(pair, {
      esn, keys, initialSequence: (BigInt(seqHigh) << 32n) + 41n,
      ivSource: (length) => { ivs.push(randomBytes(length)); return ivs.at(-1)!; },
    });
    for (let length = 0; length <= 70; length++) {
      const payload = randomBytes(length);
      const packet = outbound.protect(payload, length);
      const expected = referencePacket({ pair, keys, spi: SPI, esn, seqHigh, seq: 42 + length, iv: ivs.at(-1)!, payload, nextHeader: length });
      expect(toHex(packet)).toBe(toHex(expected));
    }
  });

  it('pads with 1, 2, 3, ... to the block size and 4 bytes (RFC 4303 section 2.4)', () => {
    const { outbound } = saPair(pair);
    const overhead = 8 + ivLength(pair) + (pair.integrity.startsWith('hmac') ? 12 : pair.integrity === 'aes-gmac' ? 16 : Number(pair.encryption.slice(8)));
    const block = pair.encryption === 'aes-cbc' ? 16 : pair.encryption === 'des-ede3-cbc' ? 8 : 4;
    for (let length = 0; length < 40; length++) {
      const text = outbound.protect(counting(length), UDP).length - overhead;
      expect(text % block).toBe(0);
      expect(text - length - 2).toBeLessThan(block);
      expect(text - length - 2).toBeGreaterThanOrEqual(0);
    }
  });

  it('rejects every single-bit flip, and the flips do not move the window', () => {
    const { outbound, inbound } = saPair(pair, { esn: pair.encryption !== 'des-ede3-cbc' });
    outbound.protect(counting(10), UDP);
    const packet = outbound.protect(counting(37), UDP);
    for (let bit = 0; bit < packet.length * 8; bit++) {
      const flipped = packet.slice();
      flipped[bit >> 3]! ^= 0x80 >> (bit & 7);
      // A flip in the SPI misses the SA; one that turns the sequence number into 0 is a replay (0
      // is never sent); every other flip fails the ICV.
      const expected = bit < 32 ? 'spi' : Buffer.from(flipped).readUInt32BE(4) === 0 ? 'replay' : 'icv';
      expect(inbound.verify(flipped)).toEqual({ ok: false, reason: expected });
    }
    expect(payloadOf(inbound.verify(packet))).toEqual(counting(37));
  });

  it('rejects every truncation and extension of a packet, without throwing', () => {
    const { outbound, inbound } = saPair(pair);
    const packet = outbound.protect(counting(29), UDP);
    for (let length = 0; length < packet.length; length++) {
      const result = inbound.verify(packet.subarray(0, length));
      expect(result.ok).toBe(false);
      if (length < 8) expect(result).toEqual({ ok: false, reason: 'malformed' });
    }
    for (let extra = 1; extra <= 32; extra++) {
      const longer = new Uint8Array(packet.length + extra);
      longer.set(packet);
      expect(inbound.verify(longer).ok).toBe(false);
    }
    expect(inbound.verify(packet).ok).toBe(true);
  });

  it('rejects a replay, and a packet for another SPI', () => {
    const { outbound, inbound } = saPair(pair);
    const packet = outbound.protect(counting(5), UDP);
    const other = new InboundSa({ spi: SPI + 1, ...pair, keys: randomKeys(pair), primitives: wasmPrimitives });
    expect(other.verify(packet)).toEqual({ ok: false, reason: 'spi' });
    expect(inbound.verify(packet).ok).toBe(true);
    expect(inbound.verify(packet)).toEqual({ ok: false, reason: 'replay' });
  });

  it('never decrypts or releases a packet whose ICV failed, and checks the window before the ICV', () => {
    const log: CallLog = { decrypts: 0, opens: 0, icvs: 0, disposed: 0 };
    const keys = randomKeys(pair);
    const outbound = new OutboundSa({ spi: SPI, ...pair, keys, primitives: wasmPrimitives });
    const inbound = new InboundSa({ spi: SPI, ...pair, keys, primitives: recording(wasmPrimitives, log) });
    const packet = outbound.protect(counting(50), UDP);
    const forged = packet.slice();
    forged[forged.length - 1]! ^= 1;
    expect(inbound.verify(forged)).toEqual({ ok: false, reason: 'icv' });
    expect(log.decrypts).toBe(0);
    expect(inbound.verify(packet).ok).toBe(true);
    const checks = log.icvs + log.opens;
    expect(inbound.verify(packet)).toEqual({ ok: false, reason: 'replay' });
    expect(log.icvs + log.opens).toBe(checks);
    inbound.dispose();
    outbound.dispose();
    expect(log.disposed).toBe(pair.integrity.startsWith('hmac') && pair.encryption !== 'null' ? 2 : 1);
  });
});

describe('ESP SA anti-replay (RFC 4303 section 3.4.3)', () => {
  const pair: AlgorithmPair = { integrity: 'hmac-sha-1-96', encryption: 'aes-cbc' };

  it('accepts out-of-order packets within the window once each', () => {
    const { outbound, inbound } = saPair(pair);
    const packets = Array.from({ length: 64 }, (_, i) => outbound.protect(counting(i), UDP));
    const order = [...packets.keys()].sort(() => Math.random() - 0.5);
    for (const i of order) expect(payloadOf(inbound.verify(packets[i]!))).toEqual(counting(i));
    for (const i of order) expect(inbound.verify(packets[i]!)).toEqual({ ok: false, reason: 'replay' });
  });

  it('rejects packets that fell behind the window', () => {
    const { outbound, inbound } = saPair(pair);
    const packets = Array.from({ length: 200 }, () => outbound.protect(counting(3), UDP));
    const verify = (seq: number) => inbound.verify(packets[seq - 1]!);
    expect(verify(200).ok).toBe(true);
    expect(verify(100)).toEqual({ ok: false, reason: 'replay' });
    expect(verify(136)).toEqual({ ok: false, reason: 'replay' });
    expect(verify(137).ok).toBe(true);
    expect(verify(199).ok).toBe(true);
  });

  it.each([32, 64, 96, 128, 1024, 4096])('honours a window of %i', (size) => {
    const { outbound, inbound } = saPair(pair, { replayWindow: size });
    const packets = Array.from({ length: size + 40 }, () => outbound.protect(counting(1), UDP));
    expect(inbound.verify(packets.at(-1)!).ok).toBe(true);
    const top = packets.length;
    // packets[i] carries sequence number i + 1: top - size is just out, top - size + 1 just in.
    expect(inbound.verify(packets[top - size - 1]!)).toEqual({ ok: false, reason: 'replay' });
    expect(inbound.verify(packets[0]!)).toEqual({ ok: false, reason: 'replay' });
    expect(inbound.verify(packets[top - size]!).ok).toBe(true);
    expect(inbound.verify(packets[top - size]!)).toEqual({ ok: false, reason: 'replay' });
    expect(inbound.highestSequence).toBe(BigInt(top));
  });

  it('moves the window only for authentic packets', () => {
    const { outbound, inbound } = saPair(pair);
    const early = outbound.protect(counting(1), UDP);
    const later = Array.from({ length: 100 }, () => outbound.protect(counting(1), UDP));
    const forged = later.at(-1)!.slice();
    forged[20]! ^= 4;
    expect(inbound.verify(forged)).toEqual({ ok: false, reason: 'icv' });
    expect(inbound.highestSequence).toBe(0n);
    expect(inbound.verify(early).ok).toBe(true);
  });
});

describe('ESP SA extended sequence numbers (RFC 4303 section 2.2.1, Appendix A)', () => {
  it.each(PAIRS.map((pair) => ({ ...pair, name: pairName(pair) })))('$name crosses 2^32 with the high half inferred', (pair) => {
    const { outbound, inbound } = saPair(pair, { esn: true, initialSequence: 2n ** 32n - 100n });
    const packets = Array.from({ length: 200 }, (_, i) => outbound.protect(counting(i), UDP));
    // In order, except that each pair of neighbours arrives swapped.
    for (let i = 0; i < packets.length; i += 2) {
      for (const j of [i + 1, i]) {
        const result = inbound.verify(packets[j]!);
        const seq = 2n ** 32n - 99n + BigInt(j);
        expect(result).toEqual({ ok: true, payload: counting(j), nextHeader: UDP, seq: Number(seq & 0xffffffffn), seqHigh: Number(seq >> 32n) });
      }
    }
    expect(inbound.highestSequence).toBe(2n ** 32n + 100n);
    expect(outbound.sequence).toBe(2n ** 32n + 100n);
    expect(inbound.verify(packets[150]!)).toEqual({ ok: false, reason: 'replay' });
  });

  it('sends only the low 32 bits, and the ICV covers the high ones', () => {
    const pair: AlgorithmPair = { integrity: 'hmac-sha-1-96', encryption: 'null' };
    const { outbound, keys } = saPair(pair, { esn: true, initialSequence: (5n << 32n) + 9n });
    const packet = outbound.protect(counting(4), UDP);
    expect(toHex(packet.subarray(4, 8))).toBe('0000000a');
    const icv = createHmac('sha1', keys.integrityKey!).update(packet.subarray(0, packet.length - 12)).update(Buffer.from('00000005', 'hex')).digest();
    expect(toHex(packet.subarray(-12))).toBe(toHex(icv.subarray(0, 12)));
  });
});

describe('ESP SA sequence number exhaustion (RFC 4303 section 3.3.3)', () => {
  const pair: AlgorithmPair = { integrity: 'hmac-md5-96', encryption: 'aes-cbc' };

  it('refuses to protect a packet past 2^32 - 1 instead of wrapping', () => {
    const { outbound, inbound } = saPair(pair, { initialSequence: 2n ** 32n - 3n });
    expect(inbound.verify(outbound.protect(counting(1), UDP)).ok).toBe(true);
    expect(inbound.verify(outbound.protect(counting(1), UDP)).ok).toBe(true);
    expect(outbound.sequence).toBe(2n ** 32n - 1n);
    for (let i = 0; i < 2; i++) expect(() => outbound.protect(counting(1), UDP)).toThrow(/sequence number space is exhausted .*establish a new SA/);
    expect(outbound.sequence).toBe(2n ** 32n - 1n);
  });

  it('with ESN, refuses past 2^64 - 1', () => {
    const { outbound } = saPair(pair, { esn: true, initialSequence: 2n ** 64n - 2n });
    expect(toHex(outbound.protect(counting(1), UDP).subarray(4, 8))).toBe('ffffffff');
    expect(() => outbound.protect(counting(1), UDP)).toThrow(/2\^64 - 1 packets sent/);
  });
});

describe('ESP SA padding check (RFC 4303 section 2.4)', () => {
  // Builds a NULL-encryption packet with the given trailer and a valid HMAC-SHA-1-96 ICV.
  function forge(keys: { integrityKey?: Uint8Array }, seq: number, text: Uint8Array): Uint8Array {
    const header = Buffer.alloc(8);
    header.writeUInt32BE(SPI);
    header.writeUInt32BE(seq, 4);
    const covered = Buffer.concat([header, text]);
    return new Uint8Array(Buffer.concat([covered, createHmac('sha1', keys.integrityKey!).update(covered).digest().subarray(0, 12)]));
  }
  const pair: AlgorithmPair = { integrity: 'hmac-sha-1-96', encryption: 'null' };

  it('rejects padding other than 1, 2, 3, ..., after the ICV passed and the window moved', () => {
    const { inbound, keys } = saPair(pair);
    const packet = forge(keys, 1, Uint8Array.from([0xaa, 1, 3, 2, 17]));
    expect(inbound.verify(packet)).toEqual({ ok: false, reason: 'padding' });
    expect(inbound.verify(packet)).toEqual({ ok: false, reason: 'replay' });
    expect(payloadOf(inbound.verify(forge(keys, 2, Uint8Array.from([0xaa, 0xbb, 1, 2, 2, 17]))))).toEqual(Uint8Array.from([0xaa, 0xbb]));
  });

  it('accepts any padding when the check is off, but never a Pad Length that overruns', () => {
    const { inbound, keys } = saPair(pair, { checkPadding: false });
    expect(payloadOf(inbound.verify(forge(keys, 1, Uint8Array.from([0xaa, 9, 9, 2, 17]))))).toEqual(Uint8Array.from([0xaa]));
    expect(inbound.verify(forge(keys, 2, Uint8Array.from([1, 2, 3, 17])))).toEqual({ ok: false, reason: 'padding' });
    expect(payloadOf(inbound.verify(forge(keys, 3, Uint8Array.from([1, 2, 2, 59]))))).toEqual(new Uint8Array(0));
  });

  it('checks the padding of AES-CBC packets after decryption', () => {
    const cbc: AlgorithmPair = { integrity: 'hmac-sha-1-96', encryption: 'aes-cbc' };
    const { outbound, inbound, keys } = saPair(cbc);
    const packet = outbound.protect(counting(5), UDP);
    // Re-encrypt the plaintext with one padding byte changed, and re-sign.
    const iv = packet.subarray(8, 24), body = packet.subarray(24, packet.length - 12);
    const decipher = createDecipheriv('aes-128-cbc', keys.cipherKey!, iv).setAutoPadding(false);
    const text = Buffer.concat([decipher.update(body), decipher.final()]);
    text[6]! ^= 0x10;
    const cipher = createCipheriv('aes-128-cbc', keys.cipherKey!, iv).setAutoPadding(false);
    const covered = Buffer.concat([packet.subarray(0, 24), cipher.update(text), cipher.final()]);
    const forged = Buffer.concat([covered, createHmac('sha1', keys.integrityKey!).update(covered).digest().subarray(0, 12)]);
    expect(inbound.verify(new Uint8Array(forged))).toEqual({ ok: false, reason: 'padding' });
  });
});

describe('ESP SA IVs', () => {
  const ivsOf = (pair: AlgorithmPair, count: number) => {
    const { outbound } = saPair(pair, { esn: true });
    const length = ivLength(pair);
    return Array.from({ length: count }, () => toHex(outbound.protect(counting(1), UDP).subarray(8, 8 + length)));
  };

  it('draws a fresh random IV for every AES-CBC and 3DES-CBC packet (RFC 3602 section 3)', () => {
    for (const encryption of ['aes-cbc', 'des-ede3-cbc'] as const) {
      expect(new Set(ivsOf({ integrity: 'hmac-sha-1-96', encryption }, 5000)).size).toBe(5000);
    }
  });

  it('makes AES-GCM / GMAC IVs the sequence number under a per-SA random mask: distinct within an SA, unrelated across SAs', () => {
    for (const pair of PAIRS.filter((p) => p.integrity === 'aes-gmac' || p.encryption.startsWith('aes-gcm'))) {
      const ivs = ivsOf(pair, 3000);
      expect(new Set(ivs).size).toBe(3000);
      const masks = ivs.map((iv, i) => (BigInt(`0x${iv}`) ^ BigInt(i + 1)).toString(16));
      expect(new Set(masks).size).toBe(1);
      expect(ivsOf(pair, 1)[0]).not.toBe(ivs[0]);
    }
  });
});

describe('ESP SA caller mistakes', () => {
  const base = { spi: SPI, integrity: 'hmac-sha-1-96', encryption: 'aes-cbc', keys: randomKeys({ integrity: 'hmac-sha-1-96', encryption: 'aes-cbc' }), primitives: wasmPrimitives } as const;

  it('names the SPI, keys and algorithms that are wrong', () => {
    expect(() => new OutboundSa({ ...base, spi: 255 })).toThrow(/spi must be an integer from 256 to 4294967295 .*got 255/);
    expect(() => new InboundSa({ ...base, spi: 2 ** 32 })).toThrow(RangeError);
    expect(() => new OutboundSa({ ...base, keys: { ...base.keys, cipherKey: new Uint8Array(15) } })).toThrow(new RangeError('keys.cipherKey must be 16 bytes, got 15'));
    expect(() => new InboundSa({ ...base, keys: { cipherKey: base.keys.cipherKey } })).toThrow(/keys.integrityKey must be a Uint8Array of 20 bytes, got undefined/);
    expect(() => new OutboundSa({ ...base, integrity: 'null', encryption: 'aes-gcm-16', keys: { cipherKey: new Uint8Array(16) } })).toThrow(/keys.salt must be a Uint8Array of 4 bytes/);
    expect(() => new OutboundSa({ ...base, encryption: 'aes-gcm-16' })).toThrow(/integrity must be 'null'/);
    expect(() => new OutboundSa({ ...base, primitives: { ...wasmPrimitives, aesCbc: undefined as never } })).toThrow(/primitives.aesCbc must be a function/);
    expect(() => new OutboundSa({ ...base, esn: 1 as never })).toThrow(/esn must be a boolean/);
  });

  it('checks the payload, the next header, the window size and the test hooks', () => {
    const outbound = new OutboundSa(base);
    expect(() => outbound.protect('hello' as never, UDP)).toThrow(/payload must be a Uint8Array, got string/);
    expect(() => outbound.protect(new Uint8Array(1), 256)).toThrow(/nextHeader must be an integer from 0 to 255 \(an IP protocol number\), got 256/);
    expect(outbound.sequence).toBe(0n);
    expect(() => new InboundSa({ ...base, replayWindow: 48 })).toThrow(/replayWindow must be a multiple of 32 from 32 to 65536, got 48/);
    expect(() => new InboundSa({ ...base, checkPadding: 'yes' as never })).toThrow(/checkPadding must be a boolean/);
    expect(() => new OutboundSa({ ...base, initialSequence: 2n ** 32n })).toThrow(/initialSequence must be a bigint from 0 to 4294967295/);
    const badIv = new OutboundSa({ ...base, ivSource: () => new Uint8Array(8) });
    expect(() => badIv.protect(new Uint8Array(1), UDP)).toThrow(/ivSource must return 16 bytes, got 8/);
    expect(() => new InboundSa(base).verify(null as never)).toThrow(TypeError);
  });

  it('refuses use after dispose(), which zeroes the keys through the transforms', () => {
    const log: CallLog = { decrypts: 0, opens: 0, icvs: 0, disposed: 0 };
    const outbound = new OutboundSa({ ...base, primitives: recording(wasmPrimitives, log) });
    const inbound = new InboundSa({ ...base, primitives: recording(wasmPrimitives, log) });
    const packet = outbound.protect(counting(3), UDP);
    outbound.dispose();
    inbound.dispose();
    inbound.dispose();
    expect(log.disposed).toBe(4);
    expect(() => outbound.protect(counting(3), UDP)).toThrow(/after dispose/);
    expect(() => inbound.verify(packet)).toThrow(/after dispose/);
  });
});

describe('the WebAssembly primitives against node:crypto', () => {
  it.each(PAIRS.map((pair) => [pairName(pair), pair] as const))('%s: each side verifies what the other protects', (_, pair) => {
    const keys = randomKeys(pair);
    for (const esn of [false, true]) {
      const sides = [wasmPrimitives, nodePrimitives].map((primitives) => ({
        outbound: new OutboundSa({ spi: SPI, ...pair, keys, esn, primitives }),
        inbound: new InboundSa({ spi: SPI, ...pair, keys, esn, primitives }),
      }));
      for (let length = 0; length <= 300; length += 7) {
        const payload = new Uint8Array(randomBytes(length));
        for (const [from, to] of [[0, 1], [1, 0]] as const) {
          const result = sides[to]!.inbound.verify(sides[from]!.outbound.protect(payload, 17));
          expect(result.ok && Buffer.from(result.payload).equals(payload)).toBe(true);
        }
      }
      for (const side of sides) { side.outbound.dispose(); side.inbound.dispose(); }
    }
  });
});
