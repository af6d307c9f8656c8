// 3DES-EDE in CBC mode (RFC 2451 ESP_3DES; TDEA of NIST SP 800-67 in the CBC mode of SP 800-38A) on
// the constant-time WebAssembly kernels: a key bundle is expanded once into a key slot and reused.

import { checkBytes, describe } from './bytes.js';
import { core, KeySlot, memoryBytes, Region } from './wasm.js';


const BLOCK = 8;

/** One message for TripleDesCbc.encryptMany(): the cipher (key) to use, the IV and the data. */
export interface TripleDesCbcJob {
  cipher: TripleDesCbc;
  /** 8 bytes. */
  iv: Uint8Array;
  /** A whole number of 8-byte blocks. */
  data: Uint8Array;
}

/**
 * TDEA-CBC under one key bundle K1 || K2 || K3 (24 bytes; SP 800-67 keying option 1 when the three
 * differ). Parity bits are ignored and keys are not screened for weakness or equality. IMS ESP
 * (TS 33.203 Annex I) takes the bundle from the 128-bit CK = CK1 || CK2 as CK1 || CK2 || CK1; that
 * derivation belongs to the SA layer. Call dispose() when done: it zeroes the key slot.
 */
export class TripleDesCbc {
  readonly #slot: KeySlot;

  /** Expands the key bundle K1 || K2 || K3 (24 bytes) as FIPS 46-3 "Key Schedule Calculation" says, for each key. */
  constructor(key: Uint8Array) {
    checkBytes('key', key, 24);
    const kernels = core();
    this.#slot = new KeySlot(this, kernels.TDES_SLOT_SIZE.value as number);
    const slot = this.#slot.live();
    const scratch = new Region(24);
    try {
      scratch.write(key);
      kernels.tdesExpandKey(scratch.ptr, slot.ptr);
    } finally {
      scratch.free();
    }
  }

  /** CBC encryption (SP 800-38A 6.2; RFC 2451 2.1): `data` is a whole number of 8-byte blocks, `iv` 8 bytes. */
  encrypt(iv: Uint8Array, data: Uint8Array): Uint8Array {
    return this.#run(iv, data, 'encrypt');
  }

  /** CBC decryption (SP 800-38A 6.2; RFC 2451 2.1): `data` is a whole number of 8-byte blocks, `iv` 8 bytes. */
  decrypt(iv: Uint8Array, data: Uint8Array): Uint8Array {
    return this.#run(iv, data, 'decrypt');
  }

  /**
   * CBC-encrypts many messages in one call (SP 800-38A 6.2; RFC 2451 2.1), each under its own
   * cipher: a P-CSCF's batch of outgoing ESP packets. From a handful of messages on, the kernel
   * encrypts up to 128 of them at once, one per lane of the bitsliced engine, which is several times
   * faster than one by one. Returns the ciphertexts in the order of `jobs`.
   */
  static encryptMany(jobs: readonly TripleDesCbcJob[]): Uint8Array[] {
    if (!Array.isArray(jobs)) throw new TypeError(`jobs must be an array of { cipher, iv, data }, got ${describe(jobs)}`);
    const kernels = core(), count = jobs.length, slots: number[] = new Array(count);
    // A job is TDES_JOB_SIZE bytes of u32: key slot, IV, source, destination, blocks.
    const jobWords = (kernels.TDES_JOB_SIZE.value as number) / 4;
    const tableSize = Math.ceil((count * jobWords * 4) / BLOCK) * BLOCK;
    let size = tableSize;
    for (let i = 0; i < count; i++) {
      const job = jobs[i];
      if (typeof job !== 'object' || job === null) {
        throw new TypeError(`jobs[${i}] must be an object { cipher, iv, data }, got ${describe(job)}`);
      }
      if (!(job.cipher instanceof TripleDesCbc)) {
        throw new TypeError(`jobs[${i}].cipher must be a TripleDesCbc, got ${describe(job.cipher)}`);
      }
      if (job.cipher.#slot.disposed) throw new Error(`TripleDesCbc: jobs[${i}].cipher used after dispose()`);
      const slot = job.cipher.#slot.live();
      checkBytes(`jobs[${i}].iv`, job.iv, BLOCK);
      checkBlocks(job.data, `jobs[${i}].data`);
      slots[i] = slot.ptr;
      size += BLOCK + job.data.length;
    }
    const buffer = new Region(Math.max(size, BLOCK));
    try {
      // The job table (see assembly/tdes-cbc.ts), then each job's IV and data, encrypted in place.
      const table = new Uint32Array(memoryBytes().buffer, buffer.ptr, count * jobWords);
      let offset = tableSize;
      for (let i = 0; i < count; i++) {
        const { iv, data } = jobs[i]!, at = buffer.ptr + offset;
        buffer.write(iv, offset);
        buffer.write(data, offset + BLOCK);
        table.set([slots[i]!, at, at + BLOCK, at + BLOCK, data.length / BLOCK], i * jobWords);
        offset += BLOCK + data.length;
      }
      kernels.tdesEncryptCbcMany(buffer.ptr, count);
      const out: Uint8Array[] = new Array(count);
      offset = tableSize;
      for (let i = 0; i < count; i++) {
        const length = jobs[i]!.data.length;
        out[i] = buffer.read(offset + BLOCK, length);
        offset += BLOCK + length;
      }
      return out;
    } finally {
      buffer.free();
    }
  }

  /** Zeroes and releases the key slot; the object cannot be used afterwards. */
  dispose(): void {
    this.#slot.dispose();
  }

  #run(iv: Uint8Array, data: Uint8Array, direction: 'encrypt' | 'decrypt'): Uint8Array {
    const slot = this.#slot.live();
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
