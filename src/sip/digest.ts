// The HTTP Digest response (RFC 2617 section 3.2.2, RFC 7616 section 3.4.1) over the WebAssembly
// MD5 and SHA-256, for the algorithms SIP uses with AKA (RFC 3310 section 3.1: "AKAv" version "-"
// the hash) and plain MD5 / SHA-256. Both sides: the UE computes a response, the network checks
// one in constant time. The -sess variants are not supported (IMS does not use them).

import { constantTimeEqual, describe } from '../bytes.js';
import { checkUint8Array } from '../io.js';
import { requestDigest } from './request-digest.js';
import type { DigestPassword, DigestRecord } from './request-digest.js';

/** The Digest algorithms supported; the AKA ones say only which hash H is, the password differs. */
export type DigestAlgorithm = 'MD5' | 'SHA-256' | 'AKAv1-MD5' | 'AKAv2-MD5' | 'AKAv1-SHA-256';

/** The hash H of each algorithm (RFC 7616 section 3.4.2; RFC 3310 section 3.1 for the AKA forms). */
const HASHES: Readonly<Record<DigestAlgorithm, DigestRecord['hash']>> = Object.freeze({
  'MD5': 'md5', 'SHA-256': 'sha256', 'AKAv1-MD5': 'md5', 'AKAv2-MD5': 'md5', 'AKAv1-SHA-256': 'sha256',
});

/** Quality of protection (RFC 2617 section 3.2.1): absent (RFC 2069 compatibility), auth or auth-int. */
export type DigestQop = 'auth' | 'auth-int';

/** The inputs of a Digest response (RFC 2617 section 3.2.2). */
export interface DigestParams {
  algorithm: DigestAlgorithm;
  username: string;
  realm: string;
  /** The password as bytes: for AKA, akaV1Password() or akaV2Password(); text is taken as UTF-8. */
  password: Uint8Array | string;
  nonce: string;
  /** The request method, e.g. REGISTER. */
  method: string;
  /** The digest-uri, e.g. sip:ims.example.com. */
  uri: string;
  /** Absent: response = H(H(A1):nonce:H(A2)). */
  qop?: DigestQop;
  /** With qop: the nonce count, 8 hex digits (RFC 2617 section 3.2.2), e.g. 00000001. */
  nc?: string;
  /** With qop: the client nonce. */
  cnonce?: string;
  /** With auth-int: the message body (RFC 2617 section 3.2.2.3: A2 ends in H(entity-body)); default empty. */
  body?: Uint8Array | string;
}

const utf8 = new TextEncoder();
const EMPTY = new Uint8Array(0);

/**
 * The request-digest of RFC 2617 section 3.2.2.1 (RFC 7616 section 3.4.1), lower-case hex:
 * H(H(A1) ":" nonce ":" nc ":" cnonce ":" qop ":" H(A2)), or H(H(A1) ":" nonce ":" H(A2)) without
 * qop; A1 = username ":" realm ":" password (section 3.2.2.2), A2 = method ":" uri, plus ":" H(body)
 * for auth-int (section 3.2.2.3). One call into the core.
 */
export function digestResponse(params: DigestParams): string {
  return requestDigest(recordOf(params));
}

/**
 * The network side (RFC 2617 section 3.2.2): whether `response`, as received in the Authorization
 * header, is the request-digest of `params` (holding XRES's password). Compared in constant time;
 * a response of the wrong length or not hex is simply false.
 */
export function verifyDigestResponse(params: DigestParams, response: string): boolean {
  return verifyDigestResponseWith(params, undefined, response);
}

/**
 * digestResponse() with the password given apart from `params` (RFC 3310 section 3.3: RES; RFC
 * 4169 section 3: the AKAv2 key it is derived from, in the same call into the core). @internal
 */
export function digestResponseWith(params: Omit<DigestParams, 'password'>, password: DigestPassword): string {
  return requestDigest(recordOf(params, password));
}

/** verifyDigestResponse() with the password given apart, as digestResponseWith(). @internal */
export function verifyDigestResponseWith(
  params: Omit<DigestParams, 'password'>, password: DigestPassword | undefined, response: string,
): boolean {
  if (typeof response !== 'string') throw new TypeError(`response must be a string, got ${describe(response)}`);
  const expected = utf8.encode(requestDigest(recordOf(params, password)));
  return constantTimeEqual(expected, utf8.encode(response.toLowerCase()));
}

/** The kernel's record of `params` (password from `password`, else from params.password), checked. */
function recordOf(params: Omit<DigestParams, 'password'> & { password?: unknown }, password?: DigestPassword): DigestRecord {
  if (typeof params !== 'object' || params === null) {
    throw new TypeError(`params must be an object, got ${describe(params)}`);
  }
  const { algorithm, qop } = params;
  if (typeof algorithm !== 'string' || !Object.hasOwn(HASHES, algorithm)) {
    throw new TypeError(`params.algorithm must be one of ${Object.keys(HASHES).join(', ')}, got ${String(algorithm)}`);
  }
  const username = checkString('username', params.username), realm = checkString('realm', params.realm);
  const nonce = checkString('nonce', params.nonce);
  const method = checkString('method', params.method), uri = checkString('uri', params.uri);
  if (qop !== undefined && qop !== 'auth' && qop !== 'auth-int') {
    throw new TypeError(`params.qop must be 'auth', 'auth-int' or absent, got ${String(qop)}`);
  }
  let kdMiddle = `:${nonce}:`;
  if (qop !== undefined) {
    const nc = checkString('nc', params.nc);
    if (!/^[0-9a-fA-F]{8}$/.test(nc)) throw new RangeError(`params.nc must be 8 hex digits, got ${nc.length} characters`);
    kdMiddle += `${nc}:${checkString('cnonce', params.cnonce)}:${qop}:`;
  }
  const key = password ?? bytesOrText('password', params.password);
  const body = params.body === undefined ? EMPTY : bytesOrText('body', params.body);
  return {
    hash: HASHES[algorithm], a1Prefix: `${username}:${realm}:`, password: key, a2: `${method}:${uri}`,
    body: qop === 'auth-int' ? body : undefined, kdMiddle,
  };
}

function checkString(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`params.${field} must be a string, got ${describe(value)}`);
  return value;
}

/** Bytes as they are, text as it is (the core takes it as UTF-8); anything else is a TypeError. */
function bytesOrText(field: string, value: unknown): Uint8Array | string {
  return typeof value === 'string' ? value : checkUint8Array(`params.${field}`, value);
}
