// The nonce of Digest AKA (RFC 3310 section 3.2): base64(RAND || AUTN || server data). The S-CSCF
// builds it from an authentication vector; the UE parses it out of a 401 or 407, which is network
// data, so parsing yields a reason instead of throwing.

import { checkBytes } from '../bytes.js';
import { checkUint8Array } from '../io.js';
import { fromBase64, toBase64 } from './base64.js';

/** AUTN is 16 bytes with Milenage; TUAK's longer MAC-A makes it 24 or 40 (TS 35.231). */
const AUTN_LENGTHS = [16, 24, 40];

/** A parsed Digest AKA nonce, or why it could not be parsed. */
export type NonceResult =
  | { ok: true; rand: Uint8Array; autn: Uint8Array; serverData: Uint8Array }
  | { ok: false; reason: 'not-base64' | 'too-short' };

/**
 * The nonce of RFC 3310 section 3.2: base64 of RAND (16 bytes), AUTN and optional server data
 * (RFC 3310 leaves its content to the server, e.g. a timestamp against replays).
 */
export function buildNonce(rand: Uint8Array, autn: Uint8Array, serverData: Uint8Array = new Uint8Array(0)): string {
  checkBytes('rand', rand, 16);
  checkUint8Array('autn', autn);
  if (!AUTN_LENGTHS.includes(autn.length)) {
    throw new RangeError(`autn must be 16, 24 or 40 bytes, got ${autn.length}`);
  }
  checkUint8Array('serverData', serverData);
  const raw = new Uint8Array(16 + autn.length + serverData.length);
  raw.set(rand, 0);
  raw.set(autn, 16);
  raw.set(serverData, 16 + autn.length);
  return toBase64(raw);
}

/**
 * RAND, AUTN and the server data out of a Digest AKA nonce (RFC 3310 section 3.2), or a reason:
 * 'not-base64' or 'too-short' (fewer than 16 + autnLength bytes). `autnLength` is what the
 * subscriber's algorithm makes (8 + its MAC-A size): 16 for Milenage.
 */
export function parseNonce(nonce: string, autnLength = 16): NonceResult {
  if (!AUTN_LENGTHS.includes(autnLength)) {
    throw new RangeError(`autnLength must be 16, 24 or 40 bytes, got ${autnLength}`);
  }
  const raw = fromBase64(nonce);
  if (raw === undefined) return { ok: false, reason: 'not-base64' };
  if (raw.length < 16 + autnLength) return { ok: false, reason: 'too-short' };
  return {
    ok: true,
    rand: raw.slice(0, 16),
    autn: raw.slice(16, 16 + autnLength),
    serverData: raw.slice(16 + autnLength),
  };
}
