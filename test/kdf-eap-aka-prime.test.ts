// EAP-AKA' (RFC 9048 / RFC 5448): CK', IK', PRF', the key schedule and AT_MAC.
import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ckIkPrime, eapAkaPrime, eapAkaPrimeAtMac, eapAkaPrimeKeys, fromHex, prfPrime, toHex, verifyEapAkaPrimeAtMac,
} from '../src/index.js';
import vectors from '../test-vectors/kdf-eap-aka-prime.json' with { type: 'json' };
import { refAtMac, refEapAkaPrime, refPrfPrime } from './reference/kdf.js';
import { randomEapPacket } from './helpers/eap.js';

const FIELDS = ['ckPrime', 'ikPrime', 'kEncr', 'kAut', 'kRe', 'msk', 'emsk'] as const;

describe("RFC 5448 Appendix C test cases", () => {
  it('has all four cases', () => {
    expect(vectors.cases.map((c) => c.case)).toEqual([1, 2, 3, 4]);
  });

  it.each(vectors.cases)("case $case ($networkName): CK', IK' and every key", (c) => {
    const input = { identity: c.identity, networkName: c.networkName, ck: fromHex(c.ck), ik: fromHex(c.ik), sqnXorAk: fromHex(c.autn).slice(0, 6) };
    const out = eapAkaPrime(input);
    for (const f of FIELDS) expect(toHex(out[f]), f).toBe(c[f]);
    const { ckPrime, ikPrime } = ckIkPrime(input.ck, input.ik, input.networkName, input.sqnXorAk);
    expect([toHex(ckPrime), toHex(ikPrime)]).toEqual([c.ckPrime, c.ikPrime]);
    const keys = eapAkaPrimeKeys(new TextEncoder().encode(c.identity), fromHex(c.ikPrime), fromHex(c.ckPrime));
    expect(toHex(keys.msk)).toBe(c.msk);
  });

  it.each(vectors.cases)('the independent reference gives case $case too', (c) => {
    const ref = refEapAkaPrime(c.identity, c.networkName, fromHex(c.ck), fromHex(c.ik), fromHex(c.autn).slice(0, 6));
    for (const f of FIELDS) expect(toHex(ref[f]), f).toBe(c[f]);
  });
});

describe("PRF' (RFC 9048 section 3.4) against the reference", () => {
  it('agrees for every length from 1 to 300 bytes and at the 8160-byte maximum', () => {
    const key = randomBytes(32), s = randomBytes(40);
    for (let n = 1; n <= 300; n++) expect(toHex(prfPrime(key, s, n))).toBe(toHex(refPrfPrime(key, s, n)));
    expect(toHex(prfPrime(key, s, 8160))).toBe(toHex(refPrfPrime(key, s, 8160)));
  });

  it('rejects lengths outside 1..8160', () => {
    for (const n of [0, 8161, 2.5]) expect(() => prfPrime(new Uint8Array(32), new Uint8Array(1), n)).toThrow(/^length must be a whole number of bytes from 1 to 8160/);
  });
});

describe("EAP-AKA' keys against the reference", () => {
  it('agree on 200 random identities, network names and keys', () => {
    for (let i = 0; i < 200; i++) {
      const identity = `6${randomInt(1e14)}@nai.epc.mnc01.mcc001.3gppnetwork.org`;
      const networkName = i % 2 ? 'WLAN' : `5G:mnc0${randomInt(10, 100)}.mcc${randomInt(100, 1000)}.3gppnetwork.org`;
      const ck = randomBytes(16), ik = randomBytes(16), sqnXorAk = randomBytes(6);
      const ours = eapAkaPrime({ identity, networkName, ck, ik, sqnXorAk });
      const ref = refEapAkaPrime(identity, networkName, ck, ik, sqnXorAk);
      for (const f of FIELDS) expect(toHex(ours[f])).toBe(toHex(ref[f]));
    }
  });
});

describe("EAP-AKA' AT_MAC, HMAC-SHA-256-128 (RFC 9048 section 3.6)", () => {
  it('computes and verifies as the reference does on 300 random packets', () => {
    for (let i = 0; i < 300; i++) {
      const kAut = randomBytes(32), extra = randomBytes(randomInt(0, 3) * 8);
      const { packet, macOffset } = randomEapPacket(50);
      const mac = eapAkaPrimeAtMac(kAut, packet, extra);
      expect(toHex(mac)).toBe(toHex(refAtMac('sha256', kAut, packet, macOffset, extra)));
      packet.set(mac, macOffset);
      expect(verifyEapAkaPrimeAtMac(kAut, packet, extra)).toEqual({ ok: true });
      packet[macOffset + randomInt(16)]! ^= 1 << randomInt(8);
      expect(verifyEapAkaPrimeAtMac(kAut, packet, extra)).toEqual({ ok: false, reason: 'mac-mismatch' });
    }
  });
});

describe("EAP-AKA' rejects caller mistakes, naming the field", () => {
  const k16 = new Uint8Array(16), s6 = new Uint8Array(6);
  it('wrong lengths and missing fields', () => {
    expect(() => ckIkPrime(k16, k16, 'WLAN', new Uint8Array(16))).toThrow(/^sqnXorAk must be 6 bytes, got 16/);
    expect(() => ckIkPrime(new Uint8Array(32), k16, 'WLAN', s6)).toThrow(/^ck must be 16 bytes, got 32/);
    expect(() => ckIkPrime(k16, k16, '', s6)).toThrow(/^networkName must not be empty/);
    expect(() => ckIkPrime(k16, k16, undefined as unknown as string, s6)).toThrow(/^networkName must be a string or a Uint8Array, got undefined/);
    expect(() => eapAkaPrimeKeys('id', new Uint8Array(32), k16)).toThrow(/^ikPrime must be 16 bytes, got 32/);
    expect(() => eapAkaPrime({ identity: 'id', networkName: 'WLAN', ck: k16, ik: k16 } as never)).toThrow(/^sqnXorAk must be a Uint8Array of 6 bytes, got undefined/);
    expect(() => eapAkaPrimeAtMac(k16, new Uint8Array(8))).toThrow(/^kAut must be 32 bytes, got 16/);
  });
});
