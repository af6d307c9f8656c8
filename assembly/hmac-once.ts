// One HMAC (RFC 2104) of one message under a key used once: the key derivations (TS 33.220 KDF,
// AT_MAC) each take a fresh key, so preparing a key slot from JavaScript, calling, and freeing it
// would cost more than the MAC. This prepares a static slot, MACs, and wipes it, in one call.

import { HMAC_SLOT_SIZE, hmacKey, hmacMac } from "./hmac";
import { zero16 } from "./blocks";

const slot = memory.data(<i32>HMAC_SLOT_SIZE, 16);

/**
 * Writes the first `macLength` bytes of HMAC-`algorithm`(key, message) to `out` (RFC 2104 clause 2,
 * truncation clause 5): `keyLength` bytes of key at `key`, `length` bytes of message at `message`.
 * The key slot is zeroed before returning.
 */
export function hmacOnce(
  algorithm: i32, key: usize, keyLength: usize, message: usize, length: usize, out: usize, macLength: usize,
): void {
  hmacKey(algorithm, key, keyLength, slot);
  hmacMac(algorithm, slot, message, length, out, macLength);
  zero16(slot, HMAC_SLOT_SIZE);
}
