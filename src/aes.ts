// AES-128 (FIPS-197) on the bitsliced, constant-time WebAssembly kernel: a key is expanded once
// into a key slot in linear memory and reused for every call.

import { checkBytes } from './bytes.js';
import { core, KeySlot, Region } from './wasm.js';

/** An expanded AES-128 key. Call dispose() when done: it zeroes the key schedule. */
export class Aes128 {
  readonly #slot: KeySlot;

  /** Expands `key` (16 bytes) as FIPS-197 clause 5.2 says. */
  constructor(key: Uint8Array) {
    checkBytes('key', key, 16);
    const kernels = core();
    this.#slot = new KeySlot(this, kernels.SCHEDULE_SIZE.value as number);
    const slot = this.#slot.live();
    const scratch = new Region(16);
    try {
      scratch.write(key);
      kernels.expandKey(scratch.ptr, slot.ptr);
    } finally {
      scratch.free();
    }
  }

  /** Encrypts whole 16-byte blocks one by one (FIPS-197 5.1; ECB, the building block of modes). */
  encryptBlocks(data: Uint8Array): Uint8Array {
    return this.#run(data, 'encrypt');
  }

  /** Decrypts whole 16-byte blocks one by one (FIPS-197 5.3). */
  decryptBlocks(data: Uint8Array): Uint8Array {
    return this.#run(data, 'decrypt');
  }

  /** Zeroes and releases the key schedule; the object cannot be used afterwards. */
  dispose(): void {
    this.#slot.dispose();
  }

  #run(data: Uint8Array, direction: 'encrypt' | 'decrypt'): Uint8Array {
    const slot = this.#slot.live();
    if (!(data instanceof Uint8Array)) throw new TypeError('data must be a Uint8Array');
    if (data.length % 16 !== 0) {
      throw new RangeError(`data must be a whole number of 16-byte blocks, got ${data.length} bytes`);
    }
    if (data.length === 0) return new Uint8Array(0);
    const buffer = new Region(data.length);
    try {
      buffer.write(data);
      const kernels = core();
      const kernel = direction === 'encrypt' ? kernels.encryptBlocks : kernels.decryptBlocks;
      kernel(slot.ptr, buffer.ptr, buffer.ptr, data.length / 16);
      return buffer.read(0, data.length);
    } finally {
      buffer.free();
    }
  }
}

