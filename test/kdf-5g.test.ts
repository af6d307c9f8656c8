// 5G keys and responses of TS 33.501 Annex A: known answers, a UE / network round trip, and
// differential tests against the node:crypto reference.
import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  Milenage, checkHresStar, checkResStar, fromHex, hresStar, hxresStar, kamf, kausf, kseaf, resStar, servingNetworkName, toHex,
  xresStar,
} from '../src/index.js';
import vectors from '../test-vectors/kdf-5g.json' with { type: 'json' };
import { refHresStar, refKamf, refKausf, refKseaf, refResStar, refSnn } from './reference/kdf.js';

describe('servingNetworkName (TS 33.501 clause 6.1.1.4, TS 24.501 clause 9.12.1)', () => {
  it('zero-pads a two-digit MNC to three digits', () => {
    expect(servingNetworkName('001', '01')).toBe('5G:mnc001.mcc001.3gppnetwork.org');
    expect(servingNetworkName('208', '93')).toBe('5G:mnc093.mcc208.3gppnetwork.org');
  });
  it('keeps a three-digit MNC', () => {
    expect(servingNetworkName('222', '456')).toBe('5G:mnc456.mcc222.3gppnetwork.org');
    expect(servingNetworkName('310', '014')).toBe('5G:mnc014.mcc310.3gppnetwork.org');
  });
  it('rejects malformed MCC / MNC', () => {
    expect(() => servingNetworkName('2080', '93')).toThrow(/^mcc must be 3 decimal digits/);
    expect(() => servingNetworkName('208', '9')).toThrow(/^mnc must be 2 or 3 decimal digits/);
  });
});

describe('5G keys against known answers (magma, outputs of OpenAirInterface)', () => {
  it.each(vectors.cases)('$name: XRES*, KAUSF, KSEAF from the Milenage outputs', (c) => {
    const m = Milenage.fromOpc(fromHex(c.k), fromHex(c.opc));
    const rand = fromHex(c.rand), sqn = fromHex(c.sqn), amf = fromHex(c.amf);
    const out = m.compute(rand, sqn, amf), { autn } = m.vector(rand, sqn, amf);
    m.dispose();
    expect(toHex(autn)).toBe(c.autn);
    const snn = servingNetworkName(c.mcc, c.mnc);
    expect(snn).toBe(c.servingNetworkName);
    expect(c.xresStarFull.slice(32)).toBe(c.xresStar);
    expect(toHex(xresStar(out.ck, out.ik, snn, rand, out.res))).toBe(c.xresStar);
    const k = kausf(out.ck, out.ik, snn, autn.slice(0, 6));
    expect(toHex(k)).toBe(c.kausf);
    expect(toHex(kseaf(k, snn))).toBe(c.kseaf);
  });
});

describe('5G AKA round trip (TS 33.501 clause 6.1.3.2): the UE and the network agree', () => {
  it('RES* = XRES*, HRES* = HXRES*, and the checks pass; a changed byte or length fails them', () => {
    const k = randomBytes(16), opc = randomBytes(16), rand = randomBytes(16), sqn = randomBytes(6), amf = fromHex('8000');
    const snn = servingNetworkName('001', '01');
    // Home network: XRES*, HXRES*, KAUSF from its Milenage vector.
    const hn = Milenage.fromOpc(k, opc);
    const hnOut = hn.compute(rand, sqn, amf), { autn } = hn.vector(rand, sqn, amf);
    const xres = xresStar(hnOut.ck, hnOut.ik, snn, rand, hnOut.res);
    const hxres = hxresStar(rand, xres);
    const hnKausf = kausf(hnOut.ck, hnOut.ik, snn, autn.slice(0, 6));
    hn.dispose();
    // UE: the same from its own USIM computation and the received AUTN.
    const ue = Milenage.fromOpc(k, opc);
    const ueOut = ue.compute(rand, sqn, amf);
    ue.dispose();
    const res = resStar(ueOut.ck, ueOut.ik, snn, rand, ueOut.res);
    expect(toHex(res)).toBe(toHex(xres));
    expect(toHex(hresStar(rand, res))).toBe(toHex(hxres));
    expect(toHex(kausf(ueOut.ck, ueOut.ik, snn, autn.slice(0, 6)))).toBe(toHex(hnKausf));
    expect(checkHresStar(hxres, rand, res)).toEqual({ ok: true });
    expect(checkResStar(xres, res)).toEqual({ ok: true });

    const bad = res.slice();
    bad[randomInt(16)]! ^= 1 << randomInt(8);
    expect(checkHresStar(hxres, rand, bad)).toEqual({ ok: false, reason: 'mismatch' });
    expect(checkResStar(xres, bad)).toEqual({ ok: false, reason: 'mismatch' });
    expect(checkResStar(xres, res.slice(0, 8))).toEqual({ ok: false, reason: 'length' });
    expect(checkHresStar(hxres, rand, new Uint8Array(17))).toEqual({ ok: false, reason: 'length' });
    expect(checkResStar(xres, 'res' as unknown as Uint8Array)).toEqual({ ok: false, reason: 'length' });
  });
});

describe('5G keys against the node:crypto reference', () => {
  it('agree on 300 random inputs (RES of 4 to 32 bytes, two- and three-digit MNC, NAI and IMSI SUPIs)', () => {
    for (let i = 0; i < 300; i++) {
      const ck = randomBytes(16), ik = randomBytes(16), rand = randomBytes(16), sqnXorAk = randomBytes(6);
      const mcc = String(randomInt(1000)).padStart(3, '0'), mnc = String(randomInt(1000)).padStart(randomInt(2, 4), '0').slice(-3);
      const snn = servingNetworkName(mcc, mnc);
      expect(snn).toBe(refSnn(mcc, mnc));
      const res = randomBytes(randomInt(4, 33));
      const rs = resStar(ck, ik, snn, rand, res);
      expect(toHex(rs)).toBe(toHex(refResStar(ck, ik, snn, rand, res)));
      expect(toHex(hresStar(rand, rs))).toBe(toHex(refHresStar(rand, rs)));
      const ka = kausf(ck, ik, snn, sqnXorAk);
      expect(toHex(ka)).toBe(toHex(refKausf(ck, ik, snn, sqnXorAk)));
      const ks = kseaf(ka, snn);
      expect(toHex(ks)).toBe(toHex(refKseaf(ka, snn)));
      const supi = i % 2 ? `${mcc}${mnc}${randomInt(1e9)}` : `user${i}@nai.5gc.mnc${mnc}.mcc${mcc}.3gppnetwork.org`;
      const abba = randomBytes(randomInt(2, 5));
      expect(toHex(kamf(ks, supi, abba))).toBe(toHex(refKamf(ks, supi, abba)));
    }
  });
});

describe('5G keys reject caller mistakes, naming the field', () => {
  const k16 = new Uint8Array(16), k32 = new Uint8Array(32), rand = new Uint8Array(16), snn = '5G:mnc001.mcc001.3gppnetwork.org';
  it('wrong lengths', () => {
    expect(() => kausf(k16, k16, snn, new Uint8Array(5))).toThrow(/^sqnXorAk must be 6 bytes, got 5/);
    expect(() => resStar(k16, k16, snn, new Uint8Array(8), new Uint8Array(8))).toThrow(/^rand must be 16 bytes, got 8/);
    expect(() => resStar(k16, k16, snn, rand, new Uint8Array(3))).toThrow(/^res must be 4 to 32 bytes .* got 3/);
    expect(() => resStar(k16, k16, snn, rand, new Uint8Array(33))).toThrow(/^res must be 4 to 32 bytes .* got 33/);
    expect(() => hresStar(rand, new Uint8Array(8))).toThrow(/^resStar must be 16 bytes, got 8/);
    expect(() => kseaf(k16, snn)).toThrow(/^kausf must be 32 bytes, got 16/);
    expect(() => kamf(k32, '001010123456789', new Uint8Array(1))).toThrow(/^abba must be at least 2 bytes/);
    expect(() => checkResStar(new Uint8Array(8), k16)).toThrow(/^expectedXresStar must be 16 bytes, got 8/);
  });
  it('missing fields', () => {
    expect(() => kausf(k16, k16, '', new Uint8Array(6))).toThrow(/^servingNetworkName must be a non-empty string, got an empty string/);
    expect(() => kseaf(k32, undefined as unknown as string)).toThrow(/^servingNetworkName must be a non-empty string, got undefined/);
    expect(() => kamf(k32, undefined as unknown as string, new Uint8Array(2))).toThrow(/^supi must be a non-empty string/);
    expect(() => kausf(undefined as unknown as Uint8Array, k16, snn, new Uint8Array(6))).toThrow(/^ck must be a Uint8Array of 16 bytes, got undefined/);
  });
});
