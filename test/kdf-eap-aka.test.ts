// EAP-AKA (RFC 4187): the FIPS 186-2 PRF kernel, MK and the key schedule, and AT_MAC.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  eapAkaAtMac, eapAkaKeys, eapAkaMasterKey, fips186Prf, fromHex, toHex, verifyEapAkaAtMac,
} from '../src/index.js';
import vectors from '../test-vectors/kdf-eap-aka.json' with { type: 'json' };
import { refAtMac, refEapAkaKeys, refFips186Prf, refSha1Compress } from './reference/kdf.js';
import { randomEapPacket } from './helpers/eap.js';

describe('the FIPS 186-2 change notice 1 PRF (RFC 4187 Appendix A)', () => {
  it.each(vectors.fips186Prf)('$name', (c) => {
    const n = c.output.length / 2;
    expect(toHex(fips186Prf(fromHex(c.xkey), n))).toBe(c.output);
    expect(toHex(refFips186Prf(fromHex(c.xkey), n))).toBe(c.output);
  });

  it("the reference's SHA-1 compression is node:crypto's SHA-1 when given the padding", () => {
    for (let n = 0; n < 56; n += 5) {
      const message = randomBytes(n), block = new Uint8Array(64);
      block.set(message);
      block[n] = 0x80;
      new DataView(block.buffer).setUint32(60, 8 * n);
      const h = refSha1Compress([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0], block);
      const digest = Buffer.alloc(20);
      h.forEach((w, i) => digest.writeUInt32BE(w, 4 * i));
      expect(digest.toString('hex')).toBe(createHash('sha1').update(message).digest('hex'));
    }
  });

  it('agrees with the reference on 1,000 random seeds and lengths, and across the 2^160 wrap of XKEY', () => {
    const seeds = [new Uint8Array(20).fill(0xff), new Uint8Array(20), fromHex('ffffffffffffffffffffffffffffffff00000000')];
    for (let i = 0; i < 1000; i++) seeds.push(new Uint8Array(randomBytes(20)));
    for (const xkey of seeds) {
      const n = 20 * randomInt(1, 13);
      expect(toHex(fips186Prf(xkey, n))).toBe(toHex(refFips186Prf(xkey, n)));
    }
  });

  it('rejects a seed that is not 20 bytes and lengths that are not positive multiples of 20', () => {
    expect(() => fips186Prf(new Uint8Array(16), 40)).toThrow(/^xkey must be 20 bytes, got 16/);
    for (const n of [0, 30, -20, 1.5, 20 * 1025]) expect(() => fips186Prf(new Uint8Array(20), n)).toThrow(/^length must be a positive multiple of 20/);
  });
});

describe('EAP-AKA keys (RFC 4187 section 7)', () => {
  it.each(vectors.keys)('$name', (c) => {
    const k = eapAkaKeys(c.identity, fromHex(c.ik), fromHex(c.ck));
    expect([toHex(k.kEncr), toHex(k.kAut), toHex(k.msk), toHex(k.emsk)]).toEqual([c.kEncr, c.kAut, c.msk, c.emsk]);
    expect(toHex(k.mk)).toBe(createHash('sha1').update(c.identity).update(fromHex(c.ik)).update(fromHex(c.ck)).digest('hex'));
  });

  it('agree with the reference on 200 random identities and keys (UTF-8 and byte identities)', () => {
    for (let i = 0; i < 200; i++) {
      const identity = `${i % 3 ? '0' : '1'}${randomInt(1e14)}@wlan.mnc001.mcc001.3gppnetwork.org${i % 7 ? '' : 'é'}`;
      const ik = randomBytes(16), ck = randomBytes(16);
      const ours = eapAkaKeys(i % 2 ? identity : new TextEncoder().encode(identity), ik, ck), ref = refEapAkaKeys(identity, ik, ck);
      for (const key of ['mk', 'kEncr', 'kAut', 'msk', 'emsk'] as const) expect(toHex(ours[key])).toBe(toHex(ref[key]));
    }
  });

  it('rejects wrong lengths and missing fields, naming them', () => {
    const k = new Uint8Array(16);
    expect(() => eapAkaMasterKey('id', new Uint8Array(15), k)).toThrow(/^ik must be 16 bytes, got 15/);
    expect(() => eapAkaKeys('id', k, new Uint8Array(32))).toThrow(/^ck must be 16 bytes, got 32/);
    expect(() => eapAkaKeys(undefined as unknown as string, k, k)).toThrow(/^identity must be a string or a Uint8Array, got undefined/);
  });
});

describe('EAP-AKA AT_MAC, HMAC-SHA1-128 (RFC 4187 section 10.15)', () => {
  it.each(vectors.atMac)('$name', (c) => {
    const packet = fromHex(c.packet), kAut = fromHex(c.kAut), extra = fromHex(c.extra);
    expect(toHex(eapAkaAtMac(kAut, packet, extra))).toBe(c.mac);
    expect(verifyEapAkaAtMac(kAut, packet, extra)).toEqual({ ok: true });
    expect(verifyEapAkaAtMac(kAut, packet)).toEqual({ ok: false, reason: 'mac-mismatch' });
  });

  it('computes and verifies as the reference does on 300 random packets', () => {
    for (let i = 0; i < 300; i++) {
      const kAut = randomBytes(16), extra = randomBytes(randomInt(0, 3) * 8);
      const { packet, macOffset } = randomEapPacket(23);
      const mac = eapAkaAtMac(kAut, packet, extra);
      expect(toHex(mac)).toBe(toHex(refAtMac('sha1', kAut, packet, macOffset, extra)));
      packet.set(mac, macOffset);
      expect(verifyEapAkaAtMac(kAut, packet, extra)).toEqual({ ok: true });
      packet[randomInt(packet.length)]! ^= 1 << randomInt(8);
      expect(verifyEapAkaAtMac(kAut, packet, extra).ok).toBe(false);
    }
  });

  it('yields reasons, never exceptions, for malformed packets from the network', () => {
    const kAut = new Uint8Array(16);
    const { packet } = randomEapPacket(23);
    expect(verifyEapAkaAtMac(kAut, packet.slice(0, 7))).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyEapAkaAtMac(kAut, packet.slice(0, packet.length - 4))).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyEapAkaAtMac(kAut, 'x' as unknown as Uint8Array)).toEqual({ ok: false, reason: 'malformed' });
    // A header alone: well formed, but no AT_MAC.
    expect(verifyEapAkaAtMac(kAut, fromHex('01010008170100 00'.replace(/ /g, '')))).toEqual({ ok: false, reason: 'no-at-mac' });
    // An attribute of length 0, and one that runs past the end.
    expect(verifyEapAkaAtMac(kAut, fromHex('0101000c17010000' + '01000000'))).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyEapAkaAtMac(kAut, fromHex('0101000c17010000' + '01020000'))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('throws for a caller packet without AT_MAC and for a wrong K_aut length', () => {
    expect(() => eapAkaAtMac(new Uint8Array(16), fromHex('0101000817010000'))).toThrow(/^packet must be a whole EAP packet with one AT_MAC attribute .* got none/);
    expect(() => eapAkaAtMac(new Uint8Array(32), fromHex('0101000817010000'))).toThrow(/^kAut must be 16 bytes, got 32/);
    expect(() => verifyEapAkaAtMac(new Uint8Array(20), new Uint8Array(8))).toThrow(/^kAut must be 16 bytes, got 20/);
  });
});
