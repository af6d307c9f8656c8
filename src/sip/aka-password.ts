// The Digest password of AKA: RES itself for AKAv1 (RFC 3310 section 3.3), a key derived from RES,
// IK and CK for AKAv2 (RFC 4169 section 3), the empty password and the auts parameter when the
// ISIM reports a synchronisation failure (RFC 3310 section 3.4).

import { checkUint8Array } from '../io.js';
import { checkBytes } from '../bytes.js';
import { hmacOnce } from '../hmac-once.js';
import { toBase64 } from './base64.js';

const AKAV2_LABEL = new TextEncoder().encode('http-digest-akav2-password');

/**
 * The AKAv1 password (RFC 3310 section 3.3): the RES (or XRES) bytes themselves, raw, not hex nor
 * base64: A1 = username ":" realm ":" RES. A copy of `res`.
 */
export function akaV1Password(res: Uint8Array): Uint8Array {
  return new Uint8Array(checkRes(res));
}


/**
 * The AKAv2 password (RFC 4169 section 3): base64(PRF(RES || IK || CK, "http-digest-akav2-password"))
 * with PRF = HMAC-MD5, as the ASCII bytes of that base64 text (24 characters).
 */
export function akaV2Password(res: Uint8Array, ik: Uint8Array, ck: Uint8Array): Uint8Array {
  const key = akaV2Key(res, ik, ck);
  try {
    return new TextEncoder().encode(toBase64(hmacOnce('md5', key, AKAV2_LABEL)));
  } finally {
    key.fill(0);
  }
}

/** The key of the AKAv2 PRF, RES || IK || CK (RFC 4169 section 3), each checked. @internal */
export function akaV2Key(res: Uint8Array, ik: Uint8Array, ck: Uint8Array): Uint8Array {
  checkRes(res);
  checkBytes('ik', ik, 16);
  checkBytes('ck', ck, 16);
  const key = new Uint8Array(res.length + 32);
  key.set(res, 0);
  key.set(ik, res.length);
  key.set(ck, res.length + 16);
  return key;
}

/**
 * The auts parameter of RFC 3310 section 3.4: AUTS (14 bytes with Milenage) in base64. The
 * Authorization header that carries it uses the empty password (see SYNC_FAILURE_PASSWORD).
 */
export function autsParameter(auts: Uint8Array): string {
  checkUint8Array('auts', auts);
  if (auts.length < 14) throw new RangeError(`auts must be at least 14 bytes, got ${auts.length}`);
  return toBase64(auts);
}

/** RFC 3310 section 3.4: on a synchronisation failure the response uses an empty password. */
export const SYNC_FAILURE_PASSWORD: Uint8Array = new Uint8Array(0);

/** RES is 4 to 16 bytes (TS 33.102 clause 6.3.2: 32 to 128 bits); TUAK allows up to 32. @internal */
export function checkRes(res: Uint8Array): Uint8Array {
  checkUint8Array('res', res);
  if (res.length < 4 || res.length > 32) throw new RangeError(`res must be 4 to 32 bytes, got ${res.length}`);
  return res;
}
