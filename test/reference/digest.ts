// An independent HTTP Digest (RFC 2617 section 3.2.2) and Digest AKA password (RFC 3310 section
// 3.3, RFC 4169 section 3) for differential tests: node:crypto hashes and Buffer base64, sharing no
// code with the library.
import { createHash, createHmac } from 'node:crypto';

export interface ReferenceDigestInput {
  hash: 'md5' | 'sha256';
  username: string;
  realm: string;
  password: Uint8Array;
  nonce: string;
  method: string;
  uri: string;
  qop?: 'auth' | 'auth-int';
  nc?: string;
  cnonce?: string;
  body?: Uint8Array;
}

export function referenceDigest(input: ReferenceDigestInput): string {
  const h = (...parts: (string | Uint8Array)[]) => {
    const hash = createHash(input.hash);
    for (const part of parts) hash.update(typeof part === 'string' ? Buffer.from(part, 'utf8') : part);
    return hash.digest('hex');
  };
  const ha1 = h(`${input.username}:${input.realm}:`, input.password);
  const ha2 = input.qop === 'auth-int'
    ? h(`${input.method}:${input.uri}:${h(input.body ?? new Uint8Array(0))}`)
    : h(`${input.method}:${input.uri}`);
  return input.qop === undefined
    ? h(`${ha1}:${input.nonce}:${ha2}`)
    : h(`${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}:${ha2}`);
}

/** RFC 4169 section 3: base64(HMAC-MD5(RES || IK || CK, "http-digest-akav2-password")), as ASCII bytes. */
export function referenceAkaV2Password(res: Uint8Array, ik: Uint8Array, ck: Uint8Array): Uint8Array {
  const mac = createHmac('md5', Buffer.concat([res, ik, ck])).update('http-digest-akav2-password').digest();
  return new Uint8Array(Buffer.from(mac.toString('base64'), 'ascii'));
}
