// EPS keys (TS 33.401 Annex A.2, A.3, A.7) and the PLMN identity encoding (TS 24.008 10.5.1.13).
import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ALGORITHM_TYPES, Milenage, algorithmKey, encodePlmn, fromHex, kasme, kenb, knasEnc, knasInt, splitMccMnc, toHex,
} from '../src/index.js';
import type { AlgorithmType } from '../src/index.js';
import vectors from '../test-vectors/kdf-eps.json' with { type: 'json' };
import { refAlgorithmKey, refKasme, refKenb, refPlmn } from './reference/kdf.js';

const xor = (a: Uint8Array, b: Uint8Array) => a.map((x, i) => x ^ b[i]!);
const digits = (n: number) => Array.from({ length: n }, () => randomInt(0, 10)).join('');

describe('encodePlmn (TS 24.008 clause 10.5.1.13, TS 24.301 clause 9.9.3.32)', () => {
  it('puts the filler F in MNC digit 3 of a two-digit MNC', () => {
    expect(toHex(encodePlmn('001', '01'))).toBe('00f110');
    expect(toHex(encodePlmn('208', '95'))).toBe('02f859');
  });
  it('codes a three-digit MNC', () => {
    expect(toHex(encodePlmn('208', '034'))).toBe('024830');
    expect(toHex(encodePlmn('310', '410'))).toBe('130014');
  });
  it('agrees with the reference for random MCC / MNC', () => {
    for (let i = 0; i < 200; i++) {
      const mcc = digits(3), mnc = digits(randomInt(2, 4));
      expect(toHex(encodePlmn(mcc, mnc))).toBe(toHex(refPlmn(mcc, mnc)));
    }
  });
  it('splits MCCMNC strings', () => {
    expect(splitMccMnc('00101')).toEqual({ mcc: '001', mnc: '01' });
    expect(splitMccMnc('310410')).toEqual({ mcc: '310', mnc: '410' });
  });
  it('rejects malformed digits, naming the field', () => {
    expect(() => encodePlmn('01', '01')).toThrow(/^mcc must be 3 decimal digits, got "01"/);
    expect(() => encodePlmn('001', '1')).toThrow(/^mnc must be 2 or 3 decimal digits, got "1"/);
    expect(() => encodePlmn('001', '0a1')).toThrow(RangeError);
    expect(() => splitMccMnc('0010')).toThrow(/^mccMnc must be 5 or 6 decimal digits/);
    expect(() => encodePlmn(1 as unknown as string, '01')).toThrow(/^mcc must be a string/);
  });
});

describe('EPS keys against known answers', () => {
  it.each(vectors.kasme)('KASME (A.2): $name', (c) => {
    const snId = encodePlmn(c.mcc, c.mnc);
    if ('plmnId' in c) expect(toHex(snId)).toBe(c.plmnId);
    expect(toHex(kasme(fromHex(c.ck), fromHex(c.ik), snId, xor(fromHex(c.sqn), fromHex(c.ak))))).toBe(c.kasme);
  });

  it.each(vectors.kasmeFromMilenage)('KASME from Milenage outputs: $name', (c) => {
    const m = Milenage.fromOpc(fromHex(c.k), fromHex(c.opc));
    const rand = fromHex(c.rand), sqn = fromHex(c.sqn), amf = fromHex(c.amf);
    const out = m.compute(rand, sqn, amf), { autn } = m.vector(rand, sqn, amf);
    m.dispose();
    expect([toHex(out.res), toHex(autn)]).toEqual([c.xres, c.autn]);
    expect(toHex(encodePlmn(c.mcc, c.mnc))).toBe(c.plmnId);
    expect(toHex(kasme(out.ck, out.ik, fromHex(c.plmnId), autn.slice(0, 6)))).toBe(c.kasme);
  });

  it.each(vectors.algorithmKeys)('algorithm key (A.7), 256 and 128 bits: $name', (c) => {
    const key = fromHex(c.key);
    expect(toHex(algorithmKey(key, c.type as AlgorithmType, c.algorithmId, 256))).toBe(c.full);
    expect(toHex(algorithmKey(key, c.type as AlgorithmType, c.algorithmId))).toBe(c.full.slice(32));
    expect(toHex(knasInt(key, c.algorithmId))).toBe(c.full.slice(32));
  });

  it.each(vectors.kenb)('KeNB (A.3): $name', (c) => {
    expect(toHex(kenb(fromHex(c.kasme), parseInt(c.uplinkNasCount, 16)))).toBe(c.kenb);
  });
});

describe('EPS keys against the node:crypto reference', () => {
  it('agree on 300 random inputs each', () => {
    const types = Object.keys(ALGORITHM_TYPES) as AlgorithmType[];
    for (let i = 0; i < 300; i++) {
      const ck = randomBytes(16), ik = randomBytes(16), snId = randomBytes(3), sqnXorAk = randomBytes(6);
      const k = kasme(ck, ik, snId, sqnXorAk);
      expect(toHex(k)).toBe(toHex(refKasme(ck, ik, snId, sqnXorAk)));
      const count = randomInt(0, 2 ** 32);
      expect(toHex(kenb(k, count))).toBe(toHex(refKenb(k, count)));
      const type = types[randomInt(types.length)]!, id = randomInt(0, 16);
      expect(toHex(algorithmKey(k, type, id))).toBe(toHex(refAlgorithmKey(k, ALGORITHM_TYPES[type], id)));
      expect(toHex(knasEnc(k, id))).toBe(toHex(refAlgorithmKey(k, 1, id)));
    }
  });
});

describe('EPS keys reject caller mistakes, naming the field', () => {
  const k16 = new Uint8Array(16), k32 = new Uint8Array(32);
  it('wrong lengths', () => {
    expect(() => kasme(new Uint8Array(15), k16, new Uint8Array(3), new Uint8Array(6))).toThrow(/^ck must be 16 bytes, got 15/);
    expect(() => kasme(k16, new Uint8Array(17), new Uint8Array(3), new Uint8Array(6))).toThrow(/^ik must be 16 bytes, got 17/);
    expect(() => kasme(k16, k16, new Uint8Array(4), new Uint8Array(6))).toThrow(/^servingNetworkId must be 3 bytes, got 4/);
    expect(() => kasme(k16, k16, new Uint8Array(3), new Uint8Array(16))).toThrow(/^sqnXorAk must be 6 bytes, got 16/);
    expect(() => kenb(k16, 0)).toThrow(/^kasme must be 32 bytes, got 16/);
    expect(() => knasInt(k16, 1)).toThrow(/^kasme must be 32 bytes, got 16/);
  });
  it('missing fields and values out of range', () => {
    expect(() => kasme(k16, k16, undefined as unknown as Uint8Array, new Uint8Array(6))).toThrow(/^servingNetworkId must be a Uint8Array of 3 bytes, got undefined/);
    expect(() => kenb(k32, 2 ** 32)).toThrow(/^uplinkNasCount must be a whole number from 0 to 4294967295/);
    expect(() => kenb(k32, -1)).toThrow(RangeError);
    expect(() => algorithmKey(k32, 'nas-foo' as AlgorithmType, 1)).toThrow(/^type must be one of nas-enc/);
    expect(() => algorithmKey(k32, 'nas-int', 16)).toThrow(/^algorithmId must be a whole number from 0 to 15/);
    expect(() => algorithmKey(k32, 'nas-int', 1, 192 as 128)).toThrow(/^bits must be 128 or 256/);
  });
});
