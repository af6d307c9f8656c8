// The request-digest of HTTP Digest (RFC 2617 section 3.2.2.1) in one call: three or four short
// hashes chained through their lower-case hex, which is where a JavaScript implementation spends
// its time (a call, an allocation and an encoding per hash). For AKAv2 (RFC 4169 section 3) the
// password, base64(HMAC-MD5(RES || IK || CK, "http-digest-akav2-password")), is made here too.
//
// The record, laid out by the TypeScript layer (src/sip/request-digest.ts), one part after another:
//   A1     username ":" realm ":" password              (RFC 2617 section 3.2.2.2)
//   A2     method ":" uri, and for auth-int ":" then room for hex H(body)   (section 3.2.2.3)
//   body   the entity body, for auth-int only
//   KD     room for hex H(A1), then ":" nonce [":" nc ":" cnonce ":" qop] ":", then room for hex H(A2)
//   out    room for the response, hex H(KD)
//   key    RES || IK || CK, for AKAv2 only; its password fills the last 24 bytes of A1.
// Hex and base64 are computed without tables or branches on the data: H(A1) and the password are
// secrets.

import { digest, digestSize, MD5, MAX_STATE_SIZE } from "./hash";
import { hmacOnce } from "./hmac-once";
import { zero16 } from "./blocks";

/** The PRF label of RFC 4169 section 3. */
const AKAV2_LABEL = memory.data<u8>([
  0x68, 0x74, 0x74, 0x70, 0x2d, 0x64, 0x69, 0x67, 0x65, 0x73, 0x74, 0x2d, 0x61, // "http-digest-a"
  0x6b, 0x61, 0x76, 0x32, 0x2d, 0x70, 0x61, 0x73, 0x73, 0x77, 0x6f, 0x72, 0x64, // "kav2-password"
]);
const AKAV2_LABEL_LENGTH: usize = 26;
/** Characters of the AKAv2 password: base64 of a 16-byte HMAC-MD5. */
export const AKAV2_PASSWORD_LENGTH: usize = 24;

const hashed = memory.data(<i32>MAX_STATE_SIZE, 16);

/** The lower-case hex digit of `n` (0..15): '0' + n, plus 39 more from 10 on ('a' is '0' + 49). */
// @ts-ignore: decorator
@inline function hexDigit(n: i32): u8 {
  return <u8>(n + 48 + (((9 - n) >> 31) & 39));
}

/** The base64 character of `v` (0..63), RFC 4648 section 4, by arithmetic on the ranges. */
// @ts-ignore: decorator
@inline function base64Digit(v: i32): u8 {
  let c = v + 65;                // 'A'..
  c += ((25 - v) >> 31) & 6;     // 26..: 'a' = 97
  c -= ((51 - v) >> 31) & 75;    // 52..: '0' = 48
  c -= ((61 - v) >> 31) & 15;    // 62: '+' = 43
  c += ((62 - v) >> 31) & 3;     // 63: '/' = 47
  return <u8>c;
}

/** Writes H(`length` bytes at `data`) as lower-case hex at `hex`. */
function hexDigest(algorithm: i32, data: usize, length: usize, hex: usize): void {
  digest(algorithm, data, length, hashed);
  const size = digestSize(algorithm);
  for (let i: usize = 0; i < size; i++) {
    const b = <i32>load<u8>(hashed + i);
    store<u8>(hex + 2 * i, hexDigit(b >> 4));
    store<u8>(hex + 2 * i + 1, hexDigit(b & 15));
  }
}

/** The AKAv2 password of RFC 4169 section 3 at `password` (24 bytes) from the key at `key`. */
function akaV2Password(key: usize, keyLength: usize, password: usize): void {
  hmacOnce(MD5, key, keyLength, AKAV2_LABEL, AKAV2_LABEL_LENGTH, hashed, 16);
  // Five whole groups of 3 bytes, then one byte and its padding "==" (RFC 4648 section 4).
  for (let g: usize = 0; g < 5; g++) {
    const at = hashed + 3 * g;
    const bits = (<i32>load<u8>(at) << 16) | (<i32>load<u8>(at, 1) << 8) | <i32>load<u8>(at, 2);
    for (let j: usize = 0; j < 4; j++) store<u8>(password + 4 * g + j, base64Digit((bits >> (18 - 6 * <i32>j)) & 63));
  }
  const last = <i32>load<u8>(hashed, 15);
  store<u8>(password, base64Digit(last >> 2), 20);
  store<u8>(password, base64Digit((last & 3) << 4), 21);
  store<u16>(password, 0x3d3d, 22);
}

/**
 * The request-digest of RFC 2617 section 3.2.2.1 with hash `algorithm` (hash.ts numbers) over the
 * record at `record` (see above): H(KD) in hex at `out`, where KD = H(A1) ":" ... ":" H(A2), and
 * A2 ends in H(body) when `authInt`. With `akaV2KeyLength` > 0 the AKAv2 password is derived
 * first.
 */
export function digestResponse(
  algorithm: i32, record: usize, a1Length: usize, a2Length: usize, bodyLength: usize, kdLength: usize,
  authInt: bool, akaV2KeyLength: usize,
): void {
  const hexLength: usize = digestSize(algorithm) << 1;
  const a1 = record, a2 = a1 + a1Length, body = a2 + a2Length, kd = body + bodyLength, out = kd + kdLength;
  assert(kdLength >= 2 * hexLength && (!authInt || a2Length >= hexLength), "digestResponse: no room for the hex");
  if (akaV2KeyLength > 0) {
    assert(a1Length >= AKAV2_PASSWORD_LENGTH, "digestResponse: no room for the AKAv2 password");
    akaV2Password(out + hexLength, akaV2KeyLength, a1 + a1Length - AKAV2_PASSWORD_LENGTH);
  }
  if (authInt) hexDigest(algorithm, body, bodyLength, a2 + a2Length - hexLength);
  hexDigest(algorithm, a1, a1Length, kd);
  hexDigest(algorithm, a2, a2Length, kd + kdLength - hexLength);
  hexDigest(algorithm, kd, kdLength, out);
  zero16(hashed, MAX_STATE_SIZE);
}
