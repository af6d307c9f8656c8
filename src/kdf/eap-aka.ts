// EAP-AKA keys and AT_MAC (RFC 4187): MK = SHA-1(Identity | IK | CK) (section 7), the FIPS 186-2
// change notice 1 PRF keyed with MK (Appendix A, run in the WebAssembly core) giving K_encr,
// K_aut, MSK and EMSK, and AT_MAC = HMAC-SHA1-128 with K_aut (section 10.15).

import { checkBytes, describe } from '../bytes.js';
import { sha1 } from '../hash.js';
import { scratch, wipeScratch } from '../io.js';
import { core } from '../wasm.js';
import { computeAtMac, checkAtMac } from './eap-packet.js';
import type { AtMacCheck } from './eap-packet.js';

/** The keys of a full EAP-AKA authentication (RFC 4187 section 7). */
export interface EapAkaKeys {
  /** MK, 20 bytes. */
  mk: Uint8Array;
  /** K_encr, 16 bytes: AES-128-CBC key of AT_ENCR_DATA. */
  kEncr: Uint8Array;
  /** K_aut, 16 bytes: the HMAC-SHA1-128 key of AT_MAC. */
  kAut: Uint8Array;
  /** MSK, 64 bytes. */
  msk: Uint8Array;
  /** EMSK, 64 bytes. */
  emsk: Uint8Array;
}

/** Bytes of each PRF output word w_i; the PRF's output is a whole number of them. */
const WORD = 20;
/** Beyond any key schedule of RFC 4186 / 4187 (160 bytes), but a bound against mistakes. */
const MAX_PRF_BYTES = 20 * 1024;

const utf8 = new TextEncoder();

/** The identity's bytes: a string is UTF-8 encoded (RFC 4187 section 4.1.1.6 uses NAIs). @internal */
export function identityBytes(identity: unknown): Uint8Array {
  if (typeof identity === 'string') return utf8.encode(identity);
  if (identity instanceof Uint8Array) return identity;
  throw new TypeError(`identity must be a string or a Uint8Array, got ${describe(identity)}`);
}

/**
 * `length` bytes (a multiple of 20) of the FIPS 186-2 change notice 1 PRF with the 20-byte seed
 * `xkey` (RFC 4187 Appendix A, RFC 4186 Appendix B): G is the SHA-1 compression function on XKEY
 * padded with zeros, not SHA-1 itself.
 */
export function fips186Prf(xkey: Uint8Array, length: number): Uint8Array {
  checkBytes('xkey', xkey, WORD);
  if (!Number.isInteger(length) || length <= 0 || length % WORD !== 0 || length > MAX_PRF_BYTES) {
    throw new RangeError(`length must be a positive multiple of 20 bytes up to ${MAX_PRF_BYTES} (RFC 4187 Appendix A), got ${String(length)}`);
  }
  const used = WORD + length;
  const io = scratch(used);
  try {
    io.write(xkey, 0);
    core().fips186Prf(io.ptr, io.ptr + WORD, length);
    return io.read(WORD, length);
  } finally {
    wipeScratch(used);
  }
}

/** MK = SHA-1(Identity | IK | CK), 20 bytes (RFC 4187 section 7). */
export function eapAkaMasterKey(identity: string | Uint8Array, ik: Uint8Array, ck: Uint8Array): Uint8Array {
  const id = identityBytes(identity);
  checkBytes('ik', ik, 16);
  checkBytes('ck', ck, 16);
  const input = new Uint8Array(id.length + 32);
  input.set(id, 0);
  input.set(ik, id.length);
  input.set(ck, id.length + 16);
  try {
    return sha1(input);
  } finally {
    input.fill(0);
  }
}

/**
 * The EAP-AKA keys (RFC 4187 section 7): MK from Identity, IK and CK, then 160 bytes of the FIPS
 * 186-2 PRF keyed with MK, split into K_encr (16), K_aut (16), MSK (64) and EMSK (64).
 */
export function eapAkaKeys(identity: string | Uint8Array, ik: Uint8Array, ck: Uint8Array): EapAkaKeys {
  const mk = eapAkaMasterKey(identity, ik, ck);
  const x = fips186Prf(mk, 160);
  const keys = { mk, kEncr: x.slice(0, 16), kAut: x.slice(16, 32), msk: x.slice(32, 96), emsk: x.slice(96, 160) };
  x.fill(0);
  return keys;
}

/**
 * AT_MAC for an EAP-AKA packet (RFC 4187 section 10.15): HMAC-SHA1-128 with K_aut over the packet
 * with AT_MAC's value zeroed, followed by `extra` (e.g. NONCE_S in re-authentication, section
 * 5.4). `packet` must contain one AT_MAC attribute; its current value is ignored.
 */
export function eapAkaAtMac(kAut: Uint8Array, packet: Uint8Array, extra?: Uint8Array): Uint8Array {
  return computeAtMac('sha1', checkBytes('kAut', kAut, 16), packet, extra);
}

/**
 * Checks the AT_MAC of an EAP-AKA packet received from the network (RFC 4187 section 10.15), in
 * constant time. Never throws for the packet: yields `{ ok: false, reason }` instead.
 */
export function verifyEapAkaAtMac(kAut: Uint8Array, packet: Uint8Array, extra?: Uint8Array): AtMacCheck {
  return checkAtMac('sha1', checkBytes('kAut', kAut, 16), packet, extra);
}
