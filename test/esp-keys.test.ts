import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { espKeys, fromHex, toHex } from '../src/index.js';
import { kdfInput } from '../src/esp/keys.js';
import { nodeHmacSha256 } from './helpers/esp.js';

// IK and CK of 3GPP TS 35.208 test set 1 (f4 and f3 outputs), as realistic IMS AKA keys.
const IK = fromHex('f769bcd751044604127672711c6d3441');
const CK = fromHex('b40ba9a3c58b2a05bbf0d987b21bf8cb');

// TS 33.220 Annex B.2 with the FC and P0 of TS 33.203 Annex I, written out by hand:
// FC || "AES_GCM_SALT" || 0x000C and FC || "AES_GMAC_SALT" || 0x000D.
const GCM_S = '59' + '4145535f47434d5f53414c54' + '000c';
const GMAC_S = '58' + '4145535f474d41435f53414c54' + '000d';
const kdfSalt = (s: string) => createHmac('sha256', Buffer.concat([CK, IK])).update(Buffer.from(s, 'hex')).digest().subarray(28).toString('hex');

describe('espKeys: TS 33.203 Annex I key expansion', () => {
  it('hmac-sha-1-96 takes IK || 32 zero bits; aes-cbc takes CK', () => {
    const keys = espKeys(IK, CK, { integrity: 'hmac-sha-1-96', encryption: 'aes-cbc' });
    expect(toHex(keys.integrityKey!)).toBe('f769bcd751044604127672711c6d3441' + '00000000');
    expect(toHex(keys.cipherKey!)).toBe('b40ba9a3c58b2a05bbf0d987b21bf8cb');
    expect(keys.salt).toBeUndefined();
  });

  it('hmac-md5-96 takes IK; des-ede3-cbc takes CK1 || CK2 || CK1', () => {
    const keys = espKeys(IK, CK, { integrity: 'hmac-md5-96', encryption: 'des-ede3-cbc' });
    expect(toHex(keys.integrityKey!)).toBe('f769bcd751044604127672711c6d3441');
    expect(toHex(keys.cipherKey!)).toBe('b40ba9a3c58b2a05' + 'bbf0d987b21bf8cb' + 'b40ba9a3c58b2a05');
  });

  it('copies IK and CK: keys given as Node Buffers are not aliased (Buffer#slice shares memory)', () => {
    const ik = Buffer.from(IK), ck = Buffer.from(CK);
    const keys = espKeys(ik, ck, { integrity: 'hmac-md5-96', encryption: 'aes-cbc' });
    ik.fill(0);
    ck.fill(0);
    expect(toHex(keys.integrityKey!)).toBe(toHex(IK));
    expect(toHex(keys.cipherKey!)).toBe(toHex(CK));
  });

  it('NULL encryption has no cipher key', () => {
    const keys = espKeys(IK, CK, { integrity: 'hmac-sha-1-96', encryption: 'null' });
    expect(keys.cipherKey).toBeUndefined();
  });

  it('aes-gcm takes CK and the salt KDF(CK || IK, 0x59, "AES_GCM_SALT"), its 32 least significant bits', () => {
    for (const encryption of ['aes-gcm-16', 'aes-gcm-12', 'aes-gcm-8'] as const) {
      const keys = espKeys(IK, CK, { integrity: 'null', encryption, hmacSha256: nodeHmacSha256 });
      expect(toHex(keys.cipherKey!)).toBe(toHex(CK));
      expect(toHex(keys.salt!)).toBe(kdfSalt(GCM_S));
      expect(keys.integrityKey).toBeUndefined();
    }
  });

  it('aes-gmac takes IK and the salt KDF(CK || IK, 0x58, "AES_GMAC_SALT")', () => {
    const keys = espKeys(IK, CK, { integrity: 'aes-gmac', encryption: 'null', hmacSha256: nodeHmacSha256 });
    expect(toHex(keys.integrityKey!)).toBe(toHex(IK));
    expect(toHex(keys.salt!)).toBe(kdfSalt(GMAC_S));
    expect(kdfSalt(GMAC_S)).not.toBe(kdfSalt(GCM_S));
  });

  it('builds S = FC || P0 || L0 as TS 33.220 Annex B.2 says', () => {
    expect(toHex(kdfInput(0x59, 'AES_GCM_SALT'))).toBe(GCM_S);
    expect(toHex(kdfInput(0x58, 'AES_GMAC_SALT'))).toBe(GMAC_S);
  });

  it('returns copies: changing them leaves IK and CK alone', () => {
    const keys = espKeys(IK, CK, { integrity: 'hmac-md5-96', encryption: 'aes-cbc' });
    keys.integrityKey!.fill(0);
    keys.cipherKey!.fill(0);
    expect(toHex(IK)).toBe('f769bcd751044604127672711c6d3441');
    expect(toHex(CK)).toBe('b40ba9a3c58b2a05bbf0d987b21bf8cb');
  });
});

describe('espKeys caller mistakes', () => {
  it('names IK and CK and their sizes', () => {
    expect(() => espKeys(IK.subarray(1), CK, { integrity: 'hmac-md5-96', encryption: 'null' })).toThrow(new RangeError('ik must be 16 bytes, got 15'));
    expect(() => espKeys(IK, new Uint8Array(17), { integrity: 'hmac-md5-96', encryption: 'null' })).toThrow(new RangeError('ck must be 16 bytes, got 17'));
    expect(() => espKeys('00' as unknown as Uint8Array, CK, { integrity: 'hmac-md5-96', encryption: 'null' })).toThrow(TypeError);
  });

  it('refuses unknown algorithms and combinations TS 33.203 does not allow', () => {
    expect(() => espKeys(IK, CK, { integrity: 'hmac-sha-256' as never, encryption: 'null' })).toThrow(/integrity must be one of/);
    expect(() => espKeys(IK, CK, { integrity: 'hmac-md5-96', encryption: 'aes-ctr' as never })).toThrow(/encryption must be one of/);
    expect(() => espKeys(IK, CK, { integrity: 'null', encryption: 'aes-cbc' })).toThrow(/without integrity is refused/);
    expect(() => espKeys(IK, CK, { integrity: 'hmac-md5-96', encryption: 'aes-gcm-16' })).toThrow(/must be 'null' with aes-gcm-16/);
    expect(() => espKeys(IK, CK, { integrity: 'aes-gmac', encryption: 'aes-cbc' })).toThrow(/must be 'null' with aes-gmac/);
  });

  it('derives the salt with the WebAssembly HMAC-SHA-256 by default, and checks a given KDF', () => {
    const viaNode = nodeHmacSha256;
    for (const [integrity, encryption] of [['null', 'aes-gcm-16'], ['aes-gmac', 'null']] as const) {
      expect(espKeys(IK, CK, { integrity, encryption }).salt)
        .toEqual(espKeys(IK, CK, { integrity, encryption, hmacSha256: viaNode }).salt);
    }
    expect(() => espKeys(IK, CK, { integrity: 'null', encryption: 'aes-gcm-16', hmacSha256: 5 as never })).toThrow(/hmacSha256 must be a function/);
    expect(() => espKeys(IK, CK, { integrity: 'aes-gmac', encryption: 'null', hmacSha256: () => new Uint8Array(20) })).toThrow(/must return 32 bytes, got 20/);
  });
});
