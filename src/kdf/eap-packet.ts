// AT_MAC of EAP-AKA and EAP-AKA' (RFC 4187 section 10.15, RFC 9048 section 3.6): the MAC over the
// whole EAP packet with the 16 bytes of AT_MAC's value set to zero, followed by any extra data the
// method adds (e.g. NONCE_S in re-authentication). This module finds AT_MAC in a packet
// (RFC 3748 section 4 header, RFC 4187 section 8.1 attributes) and computes or checks the MAC.

import { constantTimeEqual } from '../bytes.js';
import type { HashAlgorithm } from '../hash.js';
import { checkUint8Array } from '../io.js';
import { hmacOnce } from '../hmac-once.js';

/** AT_MAC's attribute type (RFC 4187 section 11). */
const AT_MAC = 11;
/** Code, Identifier, Length (2), Type, Subtype, Reserved (2): RFC 4187 section 8.1. */
const HEADER_BYTES = 8;
/** AT_MAC: Type, Length = 5 (x 4 bytes), Reserved (2), MAC (16). */
const AT_MAC_UNITS = 5;
/** Bytes of AT_MAC's MAC value. */
export const AT_MAC_BYTES = 16;

/** Why an AT_MAC check failed. */
export type AtMacFailure = 'malformed' | 'no-at-mac' | 'mac-mismatch';
/** The result of checking AT_MAC in a packet from the network: never thrown, always returned. */
export type AtMacCheck = { ok: true } | { ok: false; reason: AtMacFailure };

/**
 * The offset of AT_MAC's 16-byte value in `packet`, or why there is none: the packet is not a
 * whole EAP-AKA packet (short, Length field differs, an attribute runs past the end or has length
 * 0, AT_MAC of the wrong length or twice), or it has no AT_MAC.
 */
export function findAtMac(packet: Uint8Array): number | 'malformed' | 'no-at-mac' {
  if (packet.length < HEADER_BYTES) return 'malformed';
  if ((packet[2]! << 8 | packet[3]!) !== packet.length) return 'malformed';
  let found = -1;
  for (let at = HEADER_BYTES; at < packet.length;) {
    if (at + 2 > packet.length) return 'malformed';
    const type = packet[at]!, units = packet[at + 1]!;
    if (units === 0 || at + 4 * units > packet.length) return 'malformed';
    if (type === AT_MAC) {
      if (units !== AT_MAC_UNITS || found >= 0) return 'malformed';
      found = at + 4;
    }
    at += 4 * units;
  }
  return found >= 0 ? found : 'no-at-mac';
}

/** The MAC of `packet` with AT_MAC's value (at `offset`) zeroed, followed by `extra`. */
function macAt(algorithm: HashAlgorithm, key: Uint8Array, packet: Uint8Array, offset: number, extra: Uint8Array): Uint8Array {
  const input = new Uint8Array(packet.length + extra.length);
  input.set(packet, 0);
  input.fill(0, offset, offset + AT_MAC_BYTES);
  input.set(extra, packet.length);
  try {
    return hmacOnce(algorithm, key, input, AT_MAC_BYTES);
  } finally {
    input.fill(0);
  }
}

/**
 * The AT_MAC value for `packet` (built by the caller, with an AT_MAC attribute whose value is
 * ignored), keyed with `key`: the first 16 bytes of HMAC-`algorithm` over the packet with AT_MAC
 * zeroed, then `extra`. Throws a RangeError if `packet` has no well-formed AT_MAC. @internal
 */
export function computeAtMac(algorithm: HashAlgorithm, key: Uint8Array, packet: Uint8Array, extra: Uint8Array = new Uint8Array(0)): Uint8Array {
  checkUint8Array('packet', packet);
  checkUint8Array('extra', extra);
  const offset = findAtMac(packet);
  if (typeof offset !== 'number') {
    throw new RangeError(`packet must be a whole EAP packet with one AT_MAC attribute (RFC 4187 sections 8.1 and 10.15), got ${offset === 'no-at-mac' ? 'none' : 'a malformed packet'}`);
  }
  return macAt(algorithm, key, packet, offset, extra);
}

/**
 * Checks the AT_MAC of `packet` (from the network) in constant time; a malformed packet or one
 * without AT_MAC yields `{ ok: false, reason }` rather than an exception. @internal
 */
export function checkAtMac(algorithm: HashAlgorithm, key: Uint8Array, packet: Uint8Array, extra: Uint8Array = new Uint8Array(0)): AtMacCheck {
  checkUint8Array('extra', extra);
  if (!(packet instanceof Uint8Array)) return { ok: false, reason: 'malformed' };
  const offset = findAtMac(packet);
  if (typeof offset !== 'number') return { ok: false, reason: offset };
  const expected = macAt(algorithm, key, packet, offset, extra);
  const ok = constantTimeEqual(expected, packet.subarray(offset, offset + AT_MAC_BYTES));
  expected.fill(0);
  return ok ? { ok: true } : { ok: false, reason: 'mac-mismatch' };
}
