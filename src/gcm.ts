// AES-128-GCM and GMAC (NIST SP 800-38D) on the constant-time WebAssembly core: bitsliced AES for
// CTR and a GHASH without secret-indexed tables. ESP uses it as RFC 4106 (GCM) and RFC 4543 (GMAC)
// describe; src/esp-gcm.ts builds their nonce and AAD.

import { checkBytes } from './bytes.js';
import { checkUint8Array, scratch, wipeScratch } from './io.js';
import { core, KeySlot } from './wasm.js';

const EMPTY = new Uint8Array(0);

/** Tag lengths in bytes that SP 800-38D 5.2.1.2 allows (RFC 4106 section 6 uses 8, 12 and 16). */
const TAG_LENGTHS = [4, 8, 12, 13, 14, 15, 16];

function checkTagLength(tagLength: number): void {
  if (!TAG_LENGTHS.includes(tagLength)) {
    throw new RangeError(`tagLength must be 4, 8, 12, 13, 14, 15 or 16 bytes, got ${tagLength}`);
  }
}

function checkNonce(nonce: unknown): Uint8Array {
  const bytes = checkUint8Array('nonce', nonce);
  if (bytes.length === 0) throw new RangeError('nonce must be at least 1 byte (12 is usual), got 0');
  return bytes;
}

/** An AES-128-GCM key, expanded once with its GHASH table. dispose() zeroes both. */
export class AesGcm {
  readonly #slot: KeySlot;

  /** Expands `key` (16 bytes) and derives the hash subkey H = E_K(0^128) (SP 800-38D 7.1 step 1). */
  constructor(key: Uint8Array) {
    checkBytes('key', key, 16);
    const kernels = core();
    this.#slot = new KeySlot(this, kernels.GCM_SLOT_SIZE.value as number);
    const slot = this.#slot.live();
    const io = scratch(16);
    try {
      io.write(key);
      kernels.gcmInit(io.ptr, slot.ptr);
    } finally {
      wipeScratch(16);
    }
  }

  /**
   * GCM authenticated encryption (SP 800-38D 7.1): returns ciphertext || tag, the tag cut to
   * `tagLength` bytes (5.2.1.2). `nonce` is the IV, 12 bytes as a rule (for ESP, salt || IV: RFC
   * 4106 section 4); other lengths are hashed into J0 as 7.1 step 2 says.
   */
  seal(nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array = EMPTY, tagLength = 16): Uint8Array {
    const slot = this.#slot.live();
    checkNonce(nonce);
    checkUint8Array('plaintext', plaintext);
    checkUint8Array('aad', aad);
    checkTagLength(tagLength);
    const n = nonce.length, data = n + aad.length, tag = data + plaintext.length, size = tag + 16;
    const io = scratch(size);
    try {
      io.write(nonce, 0);
      io.write(aad, n);
      io.write(plaintext, data);
      const p = io.ptr;
      core().gcmSeal(slot.ptr, p, n, p + n, aad.length, p + data, p + data, plaintext.length, p + tag);
      return io.read(data, plaintext.length + tagLength);
    } finally {
      wipeScratch(size);
    }
  }

  /**
   * GCM authenticated decryption (SP 800-38D 7.2) of `sealed` = ciphertext || tag (`tagLength`
   * bytes). Returns the plaintext, or null if the tag is wrong or `sealed` is shorter than a tag:
   * data from the network never throws, and no plaintext is released unless the tag is right (the
   * tag is compared in constant time before anything is decrypted).
   */
  open(nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array = EMPTY, tagLength = 16): Uint8Array | null {
    const slot = this.#slot.live();
    checkNonce(nonce);
    checkUint8Array('sealed', sealed);
    checkUint8Array('aad', aad);
    checkTagLength(tagLength);
    if (sealed.length < tagLength) return null;
    const length = sealed.length - tagLength;
    const n = nonce.length, data = n + aad.length, size = data + sealed.length;
    const io = scratch(size);
    try {
      io.write(nonce, 0);
      io.write(aad, n);
      io.write(sealed, data);
      const p = io.ptr;
      const valid = core().gcmOpen(slot.ptr, p, n, p + n, aad.length, p + data, p + data, length, p + data + length, tagLength);
      return valid === 1 ? io.read(data, length) : null;
    } finally {
      wipeScratch(size);
    }
  }

  /**
   * GMAC (SP 800-38D section 3, GCM with an empty plaintext): the 16-byte tag of `aad`. For ESP
   * with AES-GMAC the AAD is the whole packet from the SPI to the Next Header (RFC 4543 section 3,
   * see espGmacAad) and `nonce` is salt || IV.
   */
  mac(nonce: Uint8Array, aad: Uint8Array): Uint8Array {
    return this.seal(nonce, EMPTY, aad, 16);
  }

  /** Zeroes and releases the key schedule and GHASH table; the object cannot be used afterwards. */
  dispose(): void {
    this.#slot.dispose();
  }


}
