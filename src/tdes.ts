// 3DES-EDE in CBC mode (RFC 2451 ESP_3DES; TDEA of NIST SP 800-67 in the CBC mode of SP 800-38A) on
// the constant-time WebAssembly kernels: a key bundle is expanded once into a key slot and reused.

import { checkBytes } from './bytes.js';
import { core, Region } from './wasm.js';

const released = new FinalizationRegistry<Region>((slot) => slot.free());

const BLOCK = 8;

/**
 * TDEA-CBC under one key bundle K1 || K2 || K3 (24 bytes; SP 800-67 keying option 1 when the three
 * differ). Parity bits are ignored and keys are not screened for weakness or equality. IMS ESP
 * (TS 33.203 Annex I) takes the bundle from the 128-bit CK = CK1 || CK2 as CK1 || CK2 || CK1; that
 * derivation belongs to the SA layer. Call dispose() when done: it zeroes the key slot.
 */
export class TripleDesCbc {
  #slot: Region | undefined;

  /** Expands the key bundle K1 || K2 || K3 (24 bytes) as FIPS 46-3 "Key Schedule Calculation" says, for each key. */
  constructor(key: Uint8Array) {
    checkBytes('key', key, 24);
    const kernels = core();
    const slot = new Region(kernels.TDES_SLOT_SIZE.value as number);
    const scratch = new Region(24);
    try {
      scratch.write(key);
      kernels.tdesExpandKey(scratch.ptr, slot.ptr);
    } finally {
      scratch.free();
    }
    this.#slot = slot;
    released.register(this, slot, this);
  }

  /** CBC encryption (SP 800-38A 6.2; RFC 2451 2.1): `data` is a whole number of 8-byte blocks, `iv` 8 bytes. */
  encrypt(iv: Uint8Array, data: Uint8Array): Uint8Array {
    return this.#run(iv, data, 'encrypt');
  }

  /** CBC decryption (SP 800-38A 6.2; RFC 2451 2.1): `data` is a whole number of 8-byte blocks, `iv` 8 bytes. */
  decrypt(iv: Uint8Array, data: Uint8Array): Uint8Array {
    return this.#run(iv, data, 'decrypt');
  }

  /** Zeroes and releases the key slot; the object cannot be used afterwards. */
  dispose(): void {
    if (!this.#slot) return;
    released.unregister(this);
    this.#slot.free();
    this.#slot = undefined;
  }

  #run(iv: Uint8Array, data: Uint8Array, direction: 'encrypt' | 'decrypt'): Uint8Array {
    const slot = this.#slot;
    if (!slot) throw new Error('TripleDesCbc: used after dispose()');
    checkBytes('iv', iv, BLOCK);
    checkBlocks(data);
    if (data.length === 0) return new Uint8Array(0);
    const buffer = new Region(BLOCK + data.length);
    try {
      buffer.write(iv);
      buffer.write(data, BLOCK);
      const kernels = core(), at = buffer.ptr + BLOCK;
      const kernel = direction === 'encrypt' ? kernels.tdesEncryptCbc : kernels.tdesDecryptCbc;
      kernel(slot.ptr, buffer.ptr, at, at, data.length / BLOCK);
      return buffer.read(BLOCK, data.length);
    } finally {
      buffer.free();
    }
  }
}

function checkBlocks(data: unknown, field = 'data'): asserts data is Uint8Array {
  if (!(data instanceof Uint8Array)) {
    throw new TypeError(`${field} must be a Uint8Array of whole 8-byte blocks, got ${describe(data)}`);
  }
  if (data.length % BLOCK !== 0) {
    throw new RangeError(`${field} must be a whole number of 8-byte blocks, got ${data.length} bytes`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
