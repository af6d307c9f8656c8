// The HTTP Digest response (RFC 2617 section 3.2.2, RFC 7616 section 3.4.1) over the WebAssembly
// MD5 and SHA-256, for the algorithms SIP uses with AKA (RFC 3310 section 3.1: "AKAv" version "-"
// the hash) and plain MD5 / SHA-256. Both sides: the UE computes a response, the network checks
// one in constant time. The -sess variants are not supported (IMS does not use them).

import { constantTimeEqual, describe, toHex } from '../bytes.js';
import { md5, sha256 } from '../hash.js';
import { checkUint8Array } from '../io.js';

/** The Digest algorithms supported; the AKA ones say only which hash H is, the password differs. */
export type DigestAlgorithm = 'MD5' | 'SHA-256' | 'AKAv1-MD5' | 'AKAv2-MD5' | 'AKAv1-SHA-256';

/** The hash H of each algorithm (RFC 7616 section 3.4.2; RFC 3310 section 3.1 for the AKA forms). */
const HASHES: Readonly<Record<DigestAlgorithm, (data: Uint8Array) => Uint8Array>> = Object.freeze({
  'MD5': md5, 'SHA-256': sha256, 'AKAv1-MD5': md5, 'AKAv2-MD5': md5, 'AKAv1-SHA-256': sha256,
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

/**
 * The request-digest of RFC 2617 section 3.2.2.1 (RFC 7616 section 3.4.1), lower-case hex:
 * H(H(A1) ":" nonce ":" nc ":" cnonce ":" qop ":" H(A2)), or H(H(A1) ":" nonce ":" H(A2)) without
 * qop; A1 = username ":" realm ":" password (section 3.2.2.2), A2 = method ":" uri, plus ":" H(body)
 * for auth-int (section 3.2.2.3).
 */
export function digestResponse(params: DigestParams): string {
  const p = checkParams(params);
  const H = HASHES[p.algorithm];
  const hex = (parts: readonly (string | Uint8Array)[]) => toHex(H(join(parts)));
  const ha1 = hex([p.username, ':', p.realm, ':', p.password]);
  const a2 = p.qop === 'auth-int' ? [p.method, ':', p.uri, ':', hex([p.body])] : [p.method, ':', p.uri];
  const ha2 = hex(a2);
  const kd = p.qop === undefined
    ? [ha1, ':', p.nonce, ':', ha2]
    : [ha1, ':', p.nonce, ':', p.nc, ':', p.cnonce, ':', p.qop, ':', ha2];
  return hex(kd);
}

/**
 * The network side (RFC 2617 section 3.2.2): whether `response`, as received in the Authorization
 * header, is the request-digest of `params` (holding XRES's password). Compared in constant time;
 * a response of the wrong length or not hex is simply false.
 */
export function verifyDigestResponse(params: DigestParams, response: string): boolean {
  if (typeof response !== 'string') throw new TypeError(`response must be a string, got ${describe(response)}`);
  const expected = utf8.encode(digestResponse(params));
  return constantTimeEqual(expected, utf8.encode(response.toLowerCase()));
}

type Checked = Required<Omit<DigestParams, 'qop' | 'password' | 'body'>> & {
  qop: DigestQop | undefined; password: Uint8Array; body: Uint8Array;
};

function checkParams(params: DigestParams): Checked {
  if (typeof params !== 'object' || params === null) {
    throw new TypeError(`params must be an object, got ${describe(params)}`);
  }
  const { algorithm, qop } = params;
  if (typeof algorithm !== 'string' || !Object.hasOwn(HASHES, algorithm)) {
    throw new TypeError(`params.algorithm must be one of ${Object.keys(HASHES).join(', ')}, got ${String(algorithm)}`);
  }
  checkString('username', params.username);
  checkString('realm', params.realm);
  checkString('nonce', params.nonce);
  checkString('method', params.method);
  checkString('uri', params.uri);
  if (qop !== undefined && qop !== 'auth' && qop !== 'auth-int') {
    throw new TypeError(`params.qop must be 'auth', 'auth-int' or absent, got ${String(qop)}`);
  }
  let nc = '', cnonce = '';
  if (qop !== undefined) {
    nc = checkString('nc', params.nc);
    if (!/^[0-9a-fA-F]{8}$/.test(nc)) throw new RangeError(`params.nc must be 8 hex digits, got ${nc.length} characters`);
    cnonce = checkString('cnonce', params.cnonce);
  }
  return {
    algorithm, qop, nc, cnonce,
    username: params.username, realm: params.realm, nonce: params.nonce, method: params.method, uri: params.uri,
    password: bytesOf('password', params.password),
    body: params.body === undefined ? new Uint8Array(0) : bytesOf('body', params.body),
  };
}

function checkString(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`params.${field} must be a string, got ${describe(value)}`);
  return value;
}

function bytesOf(field: string, value: unknown): Uint8Array {
  return typeof value === 'string' ? utf8.encode(value) : checkUint8Array(`params.${field}`, value);
}

/** The parts one after the other, strings as UTF-8 (adjacent strings encoded together: fewer calls). */
function join(parts: readonly (string | Uint8Array)[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    if (text) chunks.push(utf8.encode(text));
    chunks.push(part);
    text = '';
  }
  if (text || chunks.length === 0) chunks.push(utf8.encode(text));
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
