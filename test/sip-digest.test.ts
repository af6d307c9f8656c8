// SIP Digest AKA: the RFC 2617 and RFC 7616 examples, the RFC 3310 nonce, the RFC 3310 / RFC 4169
// passwords, and every response against the independent node:crypto Digest of test/reference.
import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  Isim, Milenage, SYNC_FAILURE_PASSWORD, akaDigestResponse, akaV1Password, akaV2Password, autsParameter, buildNonce,
  digestResponse, formatAuthorization, parseNonce, verifyAkaDigestResponse, verifyDigestResponse,
} from '../src/index.js';
import type { AkaDigestAlgorithm, DigestAlgorithm, DigestQop } from '../src/index.js';
import { sqnToBytes } from '../src/sqn.js';
import vectors from '../test-vectors/http-digest.json' with { type: 'json' };
import { referenceAkaV2Password, referenceDigest } from './reference/digest.js';
import { referenceMilenage } from './reference/milenage.js';

const bytes = (n: number) => new Uint8Array(randomBytes(n));
const HASH_OF = { 'MD5': 'md5', 'SHA-256': 'sha256', 'AKAv1-MD5': 'md5', 'AKAv2-MD5': 'md5', 'AKAv1-SHA-256': 'sha256' } as const;

describe('HTTP Digest: the published examples (test-vectors/http-digest.json)', () => {
  for (const v of vectors.cases) {
    it(v.name, () => {
      const params = { ...v, algorithm: v.algorithm as DigestAlgorithm, qop: v.qop as DigestQop };
      expect(digestResponse(params)).toBe(v.response);
      expect(verifyDigestResponse(params, v.response)).toBe(true);
      expect(verifyDigestResponse(params, v.response.toUpperCase())).toBe(true);
      expect(verifyDigestResponse({ ...params, password: v.password + ' ' }, v.response)).toBe(false);
      const wrong = (v.response[0] === '0' ? '1' : '0') + v.response.slice(1);
      expect(verifyDigestResponse(params, wrong)).toBe(false);
      expect(verifyDigestResponse(params, v.response.slice(1))).toBe(false);
      expect(verifyDigestResponse(params, '')).toBe(false);
    });
  }

  it('formats the Authorization header with quoting as RFC 7616 section 3.4 asks', () => {
    const v = vectors.cases[2]!;
    const header = formatAuthorization({ ...v, qop: 'auth' }, v.response, { opaque: v.opaque });
    expect(header).toBe(
      'Digest username="Mufasa", realm="http-auth@example.org", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", ' +
      'uri="/dir/index.html", response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", ' +
      'algorithm=SHA-256, qop=auth, nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", ' +
      'opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    );
    expect(formatAuthorization({ ...v, username: 'a"b\\c', qop: undefined }, 'r', { auts: 'QUJD' }))
      .toBe('Digest username="a\\"b\\\\c", realm="http-auth@example.org", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", ' +
        'uri="/dir/index.html", response="r", algorithm=SHA-256, auts="QUJD"');
  });
});

/** A random printable or non-ASCII string (UTF-8 goes into A1 and A2 as bytes). */
function text(): string {
  const alphabet = 'abcXYZ019 :@/.-_"\\ä€🙂';
  return Array.from({ length: randomInt(0, 24) }, () => [...alphabet][randomInt(0, [...alphabet].length)]).join('');
}

describe('HTTP Digest against node:crypto on random inputs', () => {
  it('agrees on 2,000 responses over every algorithm, qop absent / auth / auth-int, raw-byte passwords', () => {
    const algorithms = Object.keys(HASH_OF) as DigestAlgorithm[];
    const qops = [undefined, 'auth', 'auth-int'] as const;
    for (let n = 0; n < 2000; n++) {
      const algorithm = algorithms[n % algorithms.length]!;
      const qop = qops[randomInt(0, 3)];
      const input = {
        username: text(), realm: text(), password: bytes(randomInt(0, 40)), nonce: text(), method: text(), uri: text(),
        qop, nc: randomBytes(4).toString('hex'), cnonce: text(), body: bytes(randomInt(0, 200)),
      };
      const expected = referenceDigest({ ...input, hash: HASH_OF[algorithm] });
      expect(digestResponse({ ...input, algorithm })).toBe(expected);
      expect(verifyDigestResponse({ ...input, algorithm }, expected)).toBe(true);
    }
  });

  it('takes text passwords and bodies as UTF-8', () => {
    const input = { username: 'ü', realm: 'r', nonce: 'n', method: 'M', uri: 'u', qop: 'auth-int' as const, nc: '0000000a', cnonce: 'c' };
    expect(digestResponse({ ...input, algorithm: 'MD5', password: 'pä55', body: 'bödy' }))
      .toBe(referenceDigest({ ...input, hash: 'md5', password: Buffer.from('pä55'), body: Buffer.from('bödy') }));
  });
});

describe('Digest AKA passwords (RFC 3310 section 3.3, RFC 4169 section 3)', () => {
  it('AKAv1: the password is the raw RES bytes, not their hex or base64', () => {
    const res = Uint8Array.of(0xa5, 0x42, 0x11, 0xd5, 0xe3, 0xba, 0x50, 0xbf);
    expect(akaV1Password(res)).toEqual(res);
    const params = { username: 'u@ims', realm: 'ims', nonce: 'n', method: 'REGISTER', uri: 'sip:ims', qop: 'auth' as const, nc: '00000001', cnonce: 'c' };
    expect(akaDigestResponse({ ...params, algorithm: 'AKAv1-MD5', res }))
      .toBe(referenceDigest({ ...params, hash: 'md5', password: res }));
  });

  it('AKAv2: base64(HMAC-MD5(RES || IK || CK, "http-digest-akav2-password")) for 1,000 random RES, IK, CK', () => {
    for (let n = 0; n < 1000; n++) {
      const res = bytes(randomInt(4, 17)), ik = bytes(16), ck = bytes(16);
      const password = akaV2Password(res, ik, ck);
      expect(password).toEqual(referenceAkaV2Password(res, ik, ck));
      expect(password.length).toBe(24);
    }
  });

  it('AKAv1-MD5, AKAv2-MD5 and AKAv1-SHA-256 responses agree with node:crypto, and verify on the network side', () => {
    const algorithms: AkaDigestAlgorithm[] = ['AKAv1-MD5', 'AKAv2-MD5', 'AKAv1-SHA-256'];
    for (let n = 0; n < 300; n++) {
      const algorithm = algorithms[n % 3]!;
      const res = bytes(8), ik = bytes(16), ck = bytes(16);
      const params = {
        algorithm, res, ik, ck, username: text(), realm: text(), nonce: text(), method: 'REGISTER', uri: text(),
        qop: 'auth-int' as const, nc: '00000001', cnonce: text(), body: bytes(randomInt(0, 50)),
      };
      const password = algorithm === 'AKAv2-MD5' ? referenceAkaV2Password(res, ik, ck) : res;
      const expected = referenceDigest({ ...params, hash: HASH_OF[algorithm], password });
      expect(akaDigestResponse(params)).toBe(expected);
      expect(verifyAkaDigestResponse(params, expected)).toBe(true);
      const otherRes = res.slice();
      otherRes[n % 8]! ^= 1;
      expect(verifyAkaDigestResponse({ ...params, res: otherRes }, expected)).toBe(false);
    }
  });

  it('names what is missing or wrong', () => {
    const params = { username: 'u', realm: 'r', nonce: 'n', method: 'M', uri: 'u', res: bytes(8) };
    expect(() => akaDigestResponse({ ...params, algorithm: 'AKAv2-MD5' })).toThrow(/params.ik and params.ck are required for AKAv2-MD5/);
    expect(() => akaDigestResponse({ ...params, algorithm: 'MD5' as never })).toThrow(/params.algorithm must be AKAv1-MD5, AKAv2-MD5 or AKAv1-SHA-256, got MD5/);
    expect(() => akaV1Password(bytes(3))).toThrow(/res must be 4 to 32 bytes, got 3/);
    expect(() => akaV2Password(bytes(8), bytes(15), bytes(16))).toThrow(/ik must be 16 bytes, got 15/);
    const digest = { ...params, algorithm: 'MD5' as const, password: 'p' };
    expect(() => digestResponse({ ...digest, algorithm: 'SHA-1' as never })).toThrow(/params.algorithm must be one of MD5, SHA-256/);
    expect(() => digestResponse({ ...digest, qop: 'auth' })).toThrow(/params.nc must be a string, got undefined/);
    expect(() => digestResponse({ ...digest, qop: 'auth', nc: '1', cnonce: 'c' })).toThrow(/params.nc must be 8 hex digits, got 1 characters/);
    expect(() => digestResponse({ ...digest, qop: 'auth', nc: '00000001' })).toThrow(/params.cnonce must be a string/);
    expect(() => digestResponse({ ...digest, qop: 'auth-conf' as never })).toThrow(/params.qop must be 'auth', 'auth-int' or absent/);
    expect(() => digestResponse({ ...digest, username: 7 as never })).toThrow(/params.username must be a string, got number/);
    expect(() => digestResponse({ ...digest, password: [1] as never })).toThrow(/params.password must be a Uint8Array, got Array/);
    expect(() => verifyDigestResponse(digest, null as never)).toThrow(/response must be a string, got null/);
  });
});

describe('The Digest AKA nonce (RFC 3310 section 3.2)', () => {
  it('is base64(RAND || AUTN || server data) and parses back', () => {
    for (const extra of [0, 1, 2, 3, 17]) {
      const rand = bytes(16), autn = bytes(16), serverData = bytes(extra);
      const nonce = buildNonce(rand, autn, serverData);
      expect(nonce).toBe(Buffer.concat([rand, autn, serverData]).toString('base64'));
      expect(parseNonce(nonce)).toEqual({ ok: true, rand, autn, serverData });
    }
    const rand = bytes(16), autn = bytes(24);
    expect(parseNonce(buildNonce(rand, autn), 24)).toEqual({ ok: true, rand, autn, serverData: new Uint8Array(0) });
  });

  it('garbage from the network yields a reason, never an exception', () => {
    const b64 = (n: number) => Buffer.from(bytes(n)).toString('base64');
    const cases: [unknown, string][] = [
      ['not base64!', 'not-base64'], ['abc', 'not-base64'], ['AAAA=', 'not-base64'], ['A===', 'not-base64'],
      [b64(32).replace(/.$/, '-'), 'not-base64'], [` ${b64(33)}`, 'not-base64'], [`${b64(33)}\r\n`, 'not-base64'],
      [b64(34).replace(/=+$/, ''), 'not-base64'], [null, 'not-base64'], [42, 'not-base64'],
      ['', 'too-short'], ['AAAA', 'too-short'], [b64(31), 'too-short'],
    ];
    for (const [nonce, reason] of cases) expect(parseNonce(nonce as string)).toEqual({ ok: false, reason });
    expect(parseNonce(b64(32)).ok).toBe(true);
    expect(parseNonce(b64(39), 24)).toEqual({ ok: false, reason: 'too-short' });
  });

  it('rejects caller mistakes in building with errors that name the field', () => {
    expect(() => buildNonce(bytes(15), bytes(16))).toThrow(/rand must be 16 bytes, got 15/);
    expect(() => buildNonce(bytes(16), bytes(17))).toThrow(/autn must be 16, 24 or 40 bytes, got 17/);
    expect(() => buildNonce(bytes(16), bytes(16), 'x' as never)).toThrow(/serverData must be a Uint8Array, got string/);
    expect(() => parseNonce('AAAA', 20)).toThrow(/autnLength must be 16, 24 or 40 bytes, got 20/);
  });
});

describe('Digest AKA end to end: HSS vector -> nonce -> ISIM -> response -> S-CSCF', () => {
  const k = bytes(16), opc = bytes(16);
  const vector = (sqn: number) => {
    const rand = bytes(16), amf = Uint8Array.of(0x80, 0);
    const ref = referenceMilenage(k, opc, rand, sqnToBytes(sqn), amf);
    const autn = Uint8Array.from([...sqnToBytes(sqn).map((b, i) => b ^ ref.ak[i]!), ...amf, ...ref.macA]);
    return { rand, autn, xres: new Uint8Array(ref.res), ik: new Uint8Array(ref.ik), ck: new Uint8Array(ref.ck) };
  };
  const request = { username: 'user@ims.example', realm: 'ims.example', method: 'REGISTER', uri: 'sip:ims.example', qop: 'auth' as const, nc: '00000001', cnonce: 'd1e2' };

  it('the UE answers a 401 with AKAv1 and AKAv2 responses the S-CSCF accepts', () => {
    const m = Milenage.fromOpc(k, opc);
    try {
      const isim = new Isim(m);
      let sqn = 32;
      for (const algorithm of ['AKAv1-MD5', 'AKAv2-MD5'] as const) {
        const av = vector(sqn += 32);
        const nonce = buildNonce(av.rand, av.autn, Uint8Array.of(1, 2, 3));
        const parsed = parseNonce(nonce);
        if (!parsed.ok) throw new Error(parsed.reason);
        const result = isim.authenticate(parsed.rand, parsed.autn);
        if (!result.ok) throw new Error(result.reason);
        const response = akaDigestResponse({ ...request, nonce, algorithm, res: result.res, ik: result.ik, ck: result.ck });
        expect(verifyAkaDigestResponse({ ...request, nonce, algorithm, res: av.xres, ik: av.ik, ck: av.ck }, response)).toBe(true);
      }
    } finally {
      m.dispose();
    }
  });

  it('on a sync failure the UE sends auts and a response over the empty password (RFC 3310 section 3.4)', () => {
    const m = Milenage.fromOpc(k, opc);
    try {
      const isim = new Isim(m);
      const av = vector(64);
      expect(isim.authenticate(av.rand, av.autn).ok).toBe(true);
      const nonce = buildNonce(av.rand, av.autn);
      const result = isim.authenticate(av.rand, av.autn);
      if (result.ok || result.reason !== 'sync') throw new Error('expected sync');
      const auts = autsParameter(result.auts);
      expect(Buffer.from(auts, 'base64')).toEqual(Buffer.from(result.auts));
      const params = { ...request, nonce, algorithm: 'AKAv1-MD5' as const, password: SYNC_FAILURE_PASSWORD };
      const response = digestResponse(params);
      expect(response).toBe(referenceDigest({ ...params, hash: 'md5', password: new Uint8Array(0) }));
      expect(formatAuthorization(params, response, { auts })).toContain(`auts="${auts}"`);
      expect(() => autsParameter(new Uint8Array(13))).toThrow(/auts must be at least 14 bytes, got 13/);
    } finally {
      m.dispose();
    }
  });
});
