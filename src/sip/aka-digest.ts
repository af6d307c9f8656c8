// Digest AKA as the UE and the S-CSCF use it: the password chosen by the algorithm's AKA version
// (RFC 3310 section 3.3, RFC 4169 section 3), the response of RFC 2617 on top.

import { describe } from '../bytes.js';
import { akaV1Password, akaV2Key, akaV2Password, checkRes } from './aka-password.js';
import { digestResponseWith, verifyDigestResponseWith } from './digest.js';
import type { DigestParams } from './digest.js';
import type { DigestPassword } from './request-digest.js';

/** The AKA Digest algorithms (RFC 3310 section 3.1 and RFC 4169). */
export type AkaDigestAlgorithm = 'AKAv1-MD5' | 'AKAv2-MD5' | 'AKAv1-SHA-256';

/** A Digest AKA response's inputs: RES (XRES on the network side), and IK and CK for AKAv2. */
export interface AkaDigestParams extends Omit<DigestParams, 'algorithm' | 'password'> {
  algorithm: AkaDigestAlgorithm;
  /** RES from the ISIM (or XRES from the authentication vector). */
  res: Uint8Array;
  /** IK, for AKAv2 only. */
  ik?: Uint8Array;
  /** CK, for AKAv2 only. */
  ck?: Uint8Array;
}

/** The password of `params.algorithm`: RES (AKAv1, RFC 3310 section 3.3) or the RFC 4169 section 3 key. */
export function akaPassword(params: AkaDigestParams): Uint8Array {
  const { algorithm } = params;
  if (algorithm === 'AKAv2-MD5') {
    if (params.ik === undefined || params.ck === undefined) {
      throw new TypeError(`params.ik and params.ck are required for AKAv2-MD5 (RFC 4169 section 3), got ${describe(params.ik)} and ${describe(params.ck)}`);
    }
    return akaV2Password(params.res, params.ik, params.ck);
  }
  if (algorithm !== 'AKAv1-MD5' && algorithm !== 'AKAv1-SHA-256') {
    throw new TypeError(`params.algorithm must be AKAv1-MD5, AKAv2-MD5 or AKAv1-SHA-256, got ${String(algorithm)}`);
  }
  return akaV1Password(params.res);
}

/** The UE's Digest AKA response (RFC 3310 section 3.3, RFC 2617 section 3.2.2), lower-case hex. */
export function akaDigestResponse(params: AkaDigestParams): string {
  return withPassword(params, (password) => digestResponseWith(params, password));
}

/** The S-CSCF's check of a Digest AKA response against XRES (RFC 3310 section 3.3), in constant time. */
export function verifyAkaDigestResponse(params: AkaDigestParams, response: string): boolean {
  return withPassword(params, (password) => verifyDigestResponseWith(params, password, response));
}

/**
 * Runs `use` with what the core needs for the password: RES itself (AKAv1), or the key
 * RES || IK || CK that the AKAv2 password is derived from in the same call (RFC 4169 section 3),
 * zeroed afterwards.
 */
function withPassword<T>(params: AkaDigestParams, use: (password: DigestPassword) => T): T {
  const algorithm = params?.algorithm;
  if (algorithm === 'AKAv1-MD5' || algorithm === 'AKAv1-SHA-256') return use(checkRes(params.res));
  if (algorithm !== 'AKAv2-MD5' || params.ik === undefined || params.ck === undefined) {
    return use(akaPassword(params)); // akaPassword() throws the error that names what is wrong
  }
  const key = akaV2Key(params.res, params.ik, params.ck);
  try {
    return use({ akaV2Key: key });
  } finally {
    key.fill(0);
  }
}
