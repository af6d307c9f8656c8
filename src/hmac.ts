// HMAC (RFC 2104) over SHA-1, MD5 or SHA-256 on the WebAssembly core: the key's inner and outer
// states are computed once into a key slot; each MAC then costs only the message's blocks, and a
// batch of messages runs eight at a time in SIMD lanes, in one call into the core.

import { checkBytes, describe } from './bytes.js';
import {
  ALGORITHM_NUMBERS, DIGEST_SIZES, checkAlgorithm,
} from './hash.js';
import type { HashAlgorithm } from './hash.js';
import { checkUint8Array, scratch, wipeScratch } from './io.js';
import { core, KeySlot } from './wasm.js';


/** Options of an Hmac. */
export interface HmacOptions {
  /**
   * Bytes of MAC to output: the leftmost bytes of the full MAC (RFC 2104 clause 5), from
   * max(10, L / 2) to L = the digest size (the default). ESP's -96 algorithms use 12.
   */
  macLength?: number;
}

function checkMacLength(algorithm: HashAlgorithm, value: unknown): number {
  const full = DIGEST_SIZES[algorithm];
  if (value === undefined) return full;
  // RFC 2104 clause 5: t not less than half the hash output and not less than 80 bits.
  const least = Math.max(10, full / 2);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < least || value > full) {
    throw new RangeError(
      `options.macLength must be a whole number of bytes from ${least} to ${full} for ${algorithm} (RFC 2104 clause 5), got ${String(value)}`,
    );
  }
  return value;
}

/** An HMAC key (RFC 2104), prepared once. Call dispose() when done: it zeroes the key slot. */
export class Hmac {
  /** The hash function H. */
  readonly algorithm: HashAlgorithm;
  /** Bytes of each MAC that mac() and macMany() return. */
  readonly macLength: number;
  #number: number;
  readonly #slot: KeySlot;

  /**
   * Prepares `key` for HMAC with `algorithm` (RFC 2104 clause 2): a key longer than the 64-byte
   * block is hashed first; the states after K ^ ipad and K ^ opad are kept (clause 4).
   */
  constructor(algorithm: HashAlgorithm, key: Uint8Array, options?: HmacOptions) {
    this.algorithm = checkAlgorithm('algorithm', algorithm);
    checkUint8Array('key', key);
    this.macLength = checkMacLength(algorithm, options?.macLength);
    this.#number = ALGORITHM_NUMBERS[algorithm];
    const kernels = core();
    this.#slot = new KeySlot(this, kernels.HMAC_SLOT_SIZE.value as number);
    const slot = this.#slot.live();
    const io = scratch(key.length);
    try {
      io.write(key, 0);
      kernels.hmacKey(this.#number, io.ptr, key.length, slot.ptr);
    } catch (error) {
      this.#slot.dispose();
      throw error;
    } finally {
      wipeScratch(key.length);
    }
  }

  /** The MAC of `data` (RFC 2104 clause 2), truncated to macLength bytes (clause 5). */
  mac(data: Uint8Array): Uint8Array {
    const slot = this.#slot.live();
    checkUint8Array('data', data);
    const n = data.length, length = this.macLength;
    const io = scratch(n + length);
    try {
      io.write(data, 0);
      core().hmacMac(this.#number, slot.ptr, io.ptr, n, io.ptr + n, length);
      return io.read(n, length);
    } finally {
      wipeScratch(n + length);
    }
  }

  /**
   * The MACs of many messages, each a range of `messages`: message i is the `lengths[i]` bytes
   * from `offsets[i]`. Returns the MACs (macLength bytes each) packed in message order. One call
   * into the core computes them eight at a time (RFC 2104 clause 2 for each).
   */
  macMany(messages: Uint8Array, offsets: Uint32Array, lengths: Uint32Array): Uint8Array {
    const slot = this.#slot.live();
    checkUint8Array('messages', messages);
    checkRanges(messages.length, offsets, lengths);
    const count = offsets.length, length = this.macLength;
    // Linear memory: the messages, then (address, length) per message (4-byte aligned), then the MACs.
    const table = (messages.length + 3) & ~3, out = table + 8 * count, used = out + count * length;
    const io = scratch(used);
    try {
      io.write(messages, 0);
      const pairs = new Uint32Array(2 * count);
      for (let i = 0; i < count; i++) {
        pairs[2 * i] = io.ptr + offsets[i]!;
        pairs[2 * i + 1] = lengths[i]!;
      }
      io.write(new Uint8Array(pairs.buffer), table);
      core().hmacMany(this.#number, slot.ptr, io.ptr + table, count, io.ptr + out, length);
      return io.read(out, count * length);
    } finally {
      wipeScratch(used);
    }
  }

  /** Zeroes and releases the key slot; the object cannot be used afterwards. */
  dispose(): void {
    this.#slot.dispose();
  }


}

function checkRanges(size: number, offsets: unknown, lengths: unknown): void {
  if (!(offsets instanceof Uint32Array)) throw new TypeError(`offsets must be a Uint32Array, got ${describe(offsets)}`);
  if (!(lengths instanceof Uint32Array)) throw new TypeError(`lengths must be a Uint32Array, got ${describe(lengths)}`);
  if (lengths.length !== offsets.length) {
    throw new RangeError(`lengths must have one entry per offset (${offsets.length}), got ${lengths.length}`);
  }
  for (let i = 0; i < offsets.length; i++) {
    const end = offsets[i]! + lengths[i]!;
    if (end > size) {
      throw new RangeError(
        `message ${i} (offsets[${i}] = ${offsets[i]}, lengths[${i}] = ${lengths[i]}) ends at byte ${end}, past the end of messages (${size} bytes)`,
      );
    }
  }
}

/**
 * HMAC-SHA-1-96 for ESP and AH (RFC 2404 clauses 2 and 3): HMAC-SHA-1 truncated to its first 96
 * bits, with a key of exactly 160 bits (for IMS: IK || 32 zero bits, TS 33.203 annex I).
 */
export function hmacSha1_96(key: Uint8Array): Hmac {
  return new Hmac('sha1', checkBytes('key', key, 20), { macLength: 12 });
}

/**
 * HMAC-MD5-96 for ESP and AH (RFC 2403 clauses 2 and 3): HMAC-MD5 truncated to its first 96 bits,
 * with a key of exactly 128 bits (for IMS: IK, TS 33.203 annex I).
 */
export function hmacMd5_96(key: Uint8Array): Hmac {
  return new Hmac('md5', checkBytes('key', key, 16), { macLength: 12 });
}
