// The request-digest of RFC 2617 section 3.2.2.1 in one call into the core
// (assembly/digest-response.ts): the strings go as UTF-8 straight into the shared scratch region, in
// the record layout the kernel reads; the core hashes, hex-encodes and chains H(A1), H(A2) (with
// H(body) for auth-int) and H(KD), and derives the AKAv2 password (RFC 4169 section 3) when asked.
// Only the response comes back. @internal

import { DIGEST_SIZES, ALGORITHM_NUMBERS } from '../hash.js';
import { scratch, wipeScratch } from '../io.js';
import { core, memoryBytes } from '../wasm.js';

/** The password of A1: bytes or text (UTF-8), or the AKAv2 key RES || IK || CK to derive it from. */
export type DigestPassword = Uint8Array | string | { akaV2Key: Uint8Array };

/** The parts of a request-digest, already checked by the caller. */
export interface DigestRecord {
  hash: 'md5' | 'sha256';
  /** username ":" realm ":" (A1 without the password). */
  a1Prefix: string;
  password: DigestPassword;
  /** method ":" uri (A2 without H(body)). */
  a2: string;
  /** The entity body for auth-int, or undefined for auth and no qop. */
  body: Uint8Array | string | undefined;
  /** ":" nonce ":" and, with qop, nc ":" cnonce ":" qop ":" (KD between H(A1) and H(A2)). */
  kdMiddle: string;
}

const utf8 = new TextEncoder();
/** Characters of the AKAv2 password: base64 of a 16-byte HMAC-MD5 (assembly/digest-response.ts). */
const AKAV2_PASSWORD_LENGTH = 24;
const COLON = 0x3a;

/** Bytes that `value` may take as UTF-8: one UTF-16 unit never needs more than three. */
function bound(value: Uint8Array | string): number {
  return typeof value === 'string' ? 3 * value.length : value.length;
}

/**
 * Writes `text` as UTF-8 at `at` and returns the bytes written: a plain loop while it is ASCII (the
 * usual case, and cheaper than a view for encodeInto), encodeInto from the first other character.
 */
function writeText(memory: Uint8Array, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return i + utf8.encodeInto(text.slice(i), memory.subarray(at + i)).written;
    memory[at + i] = c;
  }
  return text.length;
}

function write(memory: Uint8Array, at: number, value: Uint8Array | string): number {
  if (typeof value === 'string') return writeText(memory, at, value);
  memory.set(value, at);
  return value.length;
}

/** The request-digest in lower-case hex (RFC 2617 section 3.2.2.1). @internal */
export function requestDigest(record: DigestRecord): string {
  const { password, body } = record;
  const hexLength = 2 * DIGEST_SIZES[record.hash];
  const key = typeof password === 'object' && !(password instanceof Uint8Array) ? password.akaV2Key : undefined;
  const passwordBound = key ? AKAV2_PASSWORD_LENGTH + key.length : bound(password as Uint8Array | string);
  const size = 3 * (record.a1Prefix.length + record.a2.length + record.kdMiddle.length) + passwordBound +
    (body === undefined ? 0 : 1 + hexLength + bound(body)) + 3 * hexLength;
  const io = scratch(size);
  try {
    const memory = memoryBytes(), start = io.ptr;
    let at = start + writeText(memory, start, record.a1Prefix);
    at += key ? AKAV2_PASSWORD_LENGTH : write(memory, at, password as Uint8Array | string);
    const a2 = at;
    at += writeText(memory, at, record.a2);
    if (body !== undefined) {
      memory[at] = COLON;
      at += 1 + hexLength;
    }
    const bodyAt = at;
    if (body !== undefined) at += write(memory, at, body);
    const kd = at;
    at += hexLength;
    at += writeText(memory, at, record.kdMiddle) + hexLength;
    const out = at;
    if (key) memory.set(key, out + hexLength);
    core().digestResponse(ALGORITHM_NUMBERS[record.hash], start, a2 - start, bodyAt - a2, kd - bodyAt, out - kd,
      body === undefined ? 0 : 1, key ? key.length : 0);
    return String.fromCharCode.apply(null, memoryBytes().subarray(out, out + hexLength) as unknown as number[]);
  } finally {
    wipeScratch(size);
  }
}
