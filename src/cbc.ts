// AES-128-CBC (NIST SP 800-38A 6.2), the ESP cipher of RFC 3602, on the constant-time bitsliced
// AES of the WebAssembly core. No padding here: ESP pads (RFC 4303 section 2.4) before encrypting.

import { checkBytes, checkColumn } from './bytes.js';
import { checkUint8Array, scratch, wipeScratch } from './io.js';
import { core, KeySlot, memoryBytes } from './wasm.js';


function checkBlocks(field: string, value: unknown): Uint8Array {
  const bytes = checkUint8Array(field, value);
  if (bytes.length % 16 !== 0) {
    throw new RangeError(`${field} must be a whole number of 16-byte blocks, got ${bytes.length} bytes`);
  }
  return bytes;
}

/** An AES-128-CBC key, expanded once. Call dispose() when done: it zeroes the key schedule. */
export class AesCbc {
  readonly #slot: KeySlot;

  /** Expands `key` (16 bytes; for IMS ESP the CK, TS 33.203) as FIPS-197 clause 5.2 says. */
  constructor(key: Uint8Array) {
    checkBytes('key', key, 16);
    const kernels = core();
    this.#slot = new KeySlot(this, kernels.CBC_SLOT_SIZE.value as number);
    const slot = this.#slot.live();
    const io = scratch(16);
    try {
      io.write(key);
      kernels.cbcExpandKey(io.ptr, slot.ptr);
    } finally {
      wipeScratch(16);
    }
  }

  /**
   * CBC encryption (SP 800-38A 6.2; RFC 3602 section 2) of `data`, whole 16-byte blocks, with the
   * 16-byte `iv`. Serial by nature: one block at a time (vector-permute AES); see encryptMany() for
   * many messages at once.
   */
  encrypt(iv: Uint8Array, data: Uint8Array): Uint8Array {
    return this.#run('encrypt', iv, data);
  }

  /** CBC decryption (SP 800-38A 6.2; RFC 3602 section 2) of `data` with the 16-byte `iv`. */
  decrypt(iv: Uint8Array, data: Uint8Array): Uint8Array {
    return this.#run('decrypt', iv, data);
  }

  /**
   * CBC encryption (SP 800-38A 6.2) of many messages in one call: message n with the IV at bytes
   * 16 n .. 16 n + 15 of `ivs`. Eight messages share each AES pass, so a batch runs up to eight
   * times the speed of encrypt() per message. The results are views of one buffer.
   */
  encryptMany(ivs: Uint8Array, messages: readonly Uint8Array[]): Uint8Array[] {
    const slot = this.#slot.live();
    if (!Array.isArray(messages)) throw new TypeError('messages must be an array of Uint8Array');
    const count = messages.length;
    checkColumn('ivs', ivs, 16, count);
    let total = 0;
    for (let i = 0; i < count; i++) total += checkBlocks(`messages[${i}]`, messages[i]).length;
    // Linear memory: the descriptors (offset, length, IV offset), the IVs, then the messages.
    const kernels = core();
    const descriptorSize = kernels.CBC_DESCRIPTOR_SIZE.value as number;
    const ivsAt = descriptorSize * count, dataAt = ivsAt + 16 * count, size = dataAt + total;
    const io = scratch(size);
    try {
      io.write(ivs, ivsAt);
      const descriptors = new Uint32Array(memoryBytes().buffer, io.ptr, 3 * count);
      for (let i = 0, at = dataAt; i < count; i++) {
        const message = messages[i]!;
        descriptors[3 * i] = io.ptr + at;
        descriptors[3 * i + 1] = message.length;
        descriptors[3 * i + 2] = io.ptr + ivsAt + 16 * i;
        io.write(message, at);
        at += message.length;
      }
      kernels.cbcEncryptMany(slot.ptr, io.ptr, count);
      const all = io.read(dataAt, total), out: Uint8Array[] = [];
      for (let i = 0, at = 0; i < count; at += messages[i]!.length, i++) {
        out.push(all.subarray(at, at + messages[i]!.length));
      }
      return out;
    } finally {
      wipeScratch(size);
    }
  }

  /** Zeroes and releases the key schedule; the object cannot be used afterwards. */
  dispose(): void {
    this.#slot.dispose();
  }

  #run(direction: 'encrypt' | 'decrypt', iv: Uint8Array, data: Uint8Array): Uint8Array {
    const slot = this.#slot.live();
    checkBytes('iv', iv, 16);
    checkBlocks('data', data);
    const size = 16 + data.length, io = scratch(size);
    try {
      io.write(iv, 0);
      io.write(data, 16);
      const kernels = core(), p = io.ptr;
      const kernel = direction === 'encrypt' ? kernels.cbcEncrypt : kernels.cbcDecrypt;
      kernel(slot.ptr, p, p + 16, p + 16, data.length / 16);
      return io.read(16, data.length);
    } finally {
      wipeScratch(size);
    }
  }


}
