// EAP-AKA' (RFC 9048, which obsoletes RFC 5448): CK' and IK' from CK, IK, the access network name
// and SQN xor AK (section 3.3, the KDF of TS 33.402 Annex A.2), PRF' (section 3.4), the keys
// K_encr, K_aut, K_re, MSK, EMSK from MK = PRF'(IK' | CK', "EAP-AKA'" | Identity), and AT_MAC =
// HMAC-SHA-256-128 with K_aut (section 3.6).

import { checkBytes, describe } from '../bytes.js';
import { Hmac } from '../hmac.js';
import { checkUint8Array } from '../io.js';
import { identityBytes } from './eap-aka.js';
import { computeAtMac, checkAtMac } from './eap-packet.js';
import type { AtMacCheck } from './eap-packet.js';
import { withCkIk } from './eps.js';
import { kdfNamed } from './generic.js';

/** FC of the CK', IK' derivation (TS 33.402 Annex A.2). */
export const CK_IK_PRIME_FC = 0x20;

/** CK' and IK' (RFC 9048 section 3.3). */
export interface CkIkPrime {
  /** CK', 16 bytes: the most significant half of the KDF output. */
  ckPrime: Uint8Array;
  /** IK', 16 bytes: the least significant half. */
  ikPrime: Uint8Array;
}

/** The keys of a full EAP-AKA' authentication (RFC 9048 section 3.3). */
export interface EapAkaPrimeKeys {
  /** K_encr, 16 bytes. */
  kEncr: Uint8Array;
  /** K_aut, 32 bytes: the HMAC-SHA-256-128 key of AT_MAC. */
  kAut: Uint8Array;
  /** K_re, 32 bytes: the re-authentication key. */
  kRe: Uint8Array;
  /** MSK, 64 bytes. */
  msk: Uint8Array;
  /** EMSK, 64 bytes. */
  emsk: Uint8Array;
}

/** What eapAkaPrime() takes. */
export interface EapAkaPrimeInput {
  /** The peer identity (the NAI as a string, UTF-8 encoded, or its bytes). */
  identity: string | Uint8Array;
  /** The access network name (AT_KDF_INPUT, e.g. "WLAN" or a 5G serving network name). */
  networkName: string | Uint8Array;
  ck: Uint8Array;
  ik: Uint8Array;
  /** SQN xor AK: the first 6 bytes of AUTN. */
  sqnXorAk: Uint8Array;
}

/** PRF' has at most 255 blocks of 32 bytes: the counter is one octet (RFC 9048 section 3.4). */
const MAX_PRF_PRIME_BYTES = 255 * 32;
/** K_encr | K_aut | K_re | MSK | EMSK. */
const KEY_SCHEDULE_BYTES = 16 + 32 + 32 + 64 + 64;

/**
 * CK' || IK' = KDF(CK || IK, FC = 0x20, P0 = access network name, P1 = SQN xor AK) (RFC 9048
 * section 3.3, TS 33.402 Annex A.2); CK' is the first 16 bytes, IK' the last 16.
 */
export function ckIkPrime(ck: Uint8Array, ik: Uint8Array, networkName: string | Uint8Array, sqnXorAk: Uint8Array): CkIkPrime {
  if (typeof networkName !== 'string' && !(networkName instanceof Uint8Array)) {
    throw new TypeError(`networkName must be a string or a Uint8Array, got ${describe(networkName)}`);
  }
  if (networkName.length === 0) throw new RangeError('networkName must not be empty (RFC 9048 section 3.1)');
  checkBytes('sqnXorAk', sqnXorAk, 6);
  const out = withCkIk(ck, ik, (key) =>
    kdfNamed(key, CK_IK_PRIME_FC, [networkName, sqnXorAk], ['networkName', 'sqnXorAk']));
  const result = { ckPrime: out.slice(0, 16), ikPrime: out.slice(16, 32) };
  out.fill(0);
  return result;
}

/**
 * `length` bytes of PRF'(key, s) (RFC 9048 section 3.4): T1 | T2 | ..., T1 = HMAC-SHA-256(key,
 * s | 0x01), Tn = HMAC-SHA-256(key, Tn-1 | s | n); at most 255 x 32 bytes.
 */
export function prfPrime(key: Uint8Array, s: Uint8Array, length: number): Uint8Array {
  checkUint8Array('key', key);
  checkUint8Array('s', s);
  if (!Number.isInteger(length) || length <= 0 || length > MAX_PRF_PRIME_BYTES) {
    throw new RangeError(`length must be a whole number of bytes from 1 to ${MAX_PRF_PRIME_BYTES} (RFC 9048 section 3.4), got ${String(length)}`);
  }
  const out = new Uint8Array(Math.ceil(length / 32) * 32);
  // Each input is T(n-1) | s | n; the first has no T(0).
  const input = new Uint8Array(32 + s.length + 1);
  input.set(s, 32);
  const hmac = new Hmac('sha256', key);
  try {
    for (let n = 1, at = 0; at < length; n++, at += 32) {
      input[input.length - 1] = n;
      const t = hmac.mac(n === 1 ? input.subarray(32) : input);
      out.set(t, at);
      input.set(t, 0);
    }
  } finally {
    hmac.dispose();
    input.fill(0);
  }
  const result = out.slice(0, length);
  out.fill(0);
  return result;
}

/**
 * The EAP-AKA' keys (RFC 9048 section 3.3): MK = PRF'(IK' | CK', "EAP-AKA'" | Identity), 208
 * bytes, split into K_encr (16), K_aut (32), K_re (32), MSK (64) and EMSK (64).
 */
export function eapAkaPrimeKeys(identity: string | Uint8Array, ikPrime: Uint8Array, ckPrime: Uint8Array): EapAkaPrimeKeys {
  const id = identityBytes(identity);
  const key = new Uint8Array(32);
  key.set(checkBytes('ikPrime', ikPrime, 16), 0);
  key.set(checkBytes('ckPrime', ckPrime, 16), 16);
  const label = new TextEncoder().encode("EAP-AKA'");
  const s = new Uint8Array(label.length + id.length);
  s.set(label, 0);
  s.set(id, label.length);
  const mk = prfPrime(key, s, KEY_SCHEDULE_BYTES);
  key.fill(0);
  const keys = {
    kEncr: mk.slice(0, 16), kAut: mk.slice(16, 48), kRe: mk.slice(48, 80), msk: mk.slice(80, 144), emsk: mk.slice(144, 208),
  };
  mk.fill(0);
  return keys;
}

/** CK', IK' and the keys of a full EAP-AKA' authentication (RFC 9048 sections 3.3 and 3.4). */
export function eapAkaPrime(input: EapAkaPrimeInput): CkIkPrime & EapAkaPrimeKeys {
  if (typeof input !== 'object' || input === null) throw new TypeError(`input must be an object, got ${describe(input)}`);
  const { ckPrime, ikPrime } = ckIkPrime(input.ck, input.ik, input.networkName, input.sqnXorAk);
  return { ckPrime, ikPrime, ...eapAkaPrimeKeys(input.identity, ikPrime, ckPrime) };
}

/**
 * AT_MAC for an EAP-AKA' packet (RFC 9048 section 3.6): HMAC-SHA-256-128 with K_aut (32 bytes)
 * over the packet with AT_MAC's value zeroed, followed by `extra`. `packet` must contain one
 * AT_MAC attribute; its current value is ignored.
 */
export function eapAkaPrimeAtMac(kAut: Uint8Array, packet: Uint8Array, extra?: Uint8Array): Uint8Array {
  return computeAtMac('sha256', checkBytes('kAut', kAut, 32), packet, extra);
}

/**
 * Checks the AT_MAC of an EAP-AKA' packet received from the network (RFC 9048 section 3.6), in
 * constant time. Never throws for the packet: yields `{ ok: false, reason }` instead.
 */
export function verifyEapAkaPrimeAtMac(kAut: Uint8Array, packet: Uint8Array, extra?: Uint8Array): AtMacCheck {
  return checkAtMac('sha256', checkBytes('kAut', kAut, 32), packet, extra);
}
