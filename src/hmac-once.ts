// One HMAC under a key used once, in one call into the core (assembly/hmac-once.ts): what the key
// derivations (kdf/) and the AKAv2 password (sip/) need, each with a fresh key, where an Hmac
// object's key slot would cost more to allocate and free than the MAC itself.

import { ALGORITHM_NUMBERS, DIGEST_SIZES } from './hash.js';
import type { HashAlgorithm } from './hash.js';
import { checkUint8Array, scratch, wipeScratch } from './io.js';
import { core } from './wasm.js';

/**
 * The first `macLength` bytes (default: all) of HMAC-`algorithm`(key, data) (RFC 2104 clauses 2
 * and 5). @internal
 */
export function hmacOnce(algorithm: HashAlgorithm, key: Uint8Array, data: Uint8Array, macLength = DIGEST_SIZES[algorithm]): Uint8Array {
  checkUint8Array('key', key);
  checkUint8Array('data', data);
  const out = key.length + data.length, used = out + macLength;
  const io = scratch(used);
  try {
    io.write(key, 0);
    io.write(data, key.length);
    core().hmacOnce(ALGORITHM_NUMBERS[algorithm], io.ptr, key.length, io.ptr + key.length, data.length, io.ptr + out, macLength);
    return io.read(out, macLength);
  } finally {
    wipeScratch(used);
  }
}
