// The sending side of an ESP SA in transport mode: sequence numbers, IVs and packet protection
// (RFC 4303 section 3.3).

import { describe } from '../bytes.js';
import { EspProtection, type SaOptions } from './protection.js';
import { writeUint32 } from './packet.js';
import { randomPool } from './random-pool.js';

export interface OutboundSaOptions extends SaOptions {
  /**
   * Supplies the IV of each packet (`length` bytes) in place of the built-in source. A test hook for
   * reproducing published packets; an IV must never repeat under a key, so leave it out otherwise.
   */
  readonly ivSource?: (length: number) => Uint8Array;
  /**
   * The sequence number the SA continues after; default 0, so the first packet carries 1 (RFC 4303
   * section 3.3.3). A test hook for reproducing published packets and reaching the end of the space.
   */
  readonly initialSequence?: bigint;
}

const MAX_UINT32 = 0xffffffff;

/** The outbound half of an ESP SA. Call dispose() when the SA is deleted: it zeroes the keys. */
export class OutboundSa {
  readonly spi: number;
  readonly #protection: EspProtection;
  readonly #ivSource: ((length: number) => Uint8Array) | undefined;
  /** AEAD IVs are the 64-bit sequence number XOR this per-SA random mask (see #nextIv). */
  readonly #ivMask: Uint8Array;
  readonly #iv: Uint8Array;
  #seqHigh = 0;
  #seqLow = 0;

  /** Creates the SA; its keys are expanded once, here. Sequence numbers start at 1 (RFC 4303 3.3.3). */
  constructor(options: OutboundSaOptions) {
    const ivSource = options?.ivSource;
    if (ivSource !== undefined && typeof ivSource !== 'function') {
      throw new TypeError(`ivSource must be a function, got ${typeof ivSource}`);
    }
    const initial = options?.initialSequence ?? 0n;
    const last = options?.esn === true ? 2n ** 64n - 1n : 2n ** 32n - 1n;
    if (typeof initial !== 'bigint' || initial < 0n || initial > last) {
      throw new RangeError(`initialSequence must be a bigint from 0 to ${last}, got ${String(initial)}`);
    }
    this.#protection = new EspProtection(options);
    this.spi = options.spi;
    this.#ivSource = ivSource;
    this.#iv = new Uint8Array(this.#protection.ivLength);
    this.#ivMask = randomPool.take(8).slice();
    this.#seqHigh = Number(initial >> 32n);
    this.#seqLow = Number(initial & 0xffffffffn);
  }

  /** The sequence number of the last packet protected (0 before the first). */
  get sequence(): bigint {
    return (BigInt(this.#seqHigh) << 32n) | BigInt(this.#seqLow);
  }

  /**
   * RFC 4303 section 3.3: the ESP packet SPI | Sequence Number | IV | ciphertext of (payload |
   * padding | Pad Length | Next Header) | ICV, for a transport-mode `payload` whose protocol is
   * `nextHeader` (e.g. 17 for UDP, 6 for TCP). Throws instead of letting the sequence number
   * cycle (RFC 4303 section 3.3.3): 2^32 - 1 packets per SA, or 2^64 - 1 with ESN.
   */
  protect(payload: Uint8Array, nextHeader: number): Uint8Array {
    this.#checkPayload(payload, nextHeader);
    const high = this.#nextHigh(), low = (this.#seqLow + 1) >>> 0;
    const iv = this.#nextIv(high, low), fast = this.#protection.fast;
    const packet = fast
      ? fast.takePacket(fast.seal(high, low, iv, payload, nextHeader))
      : this.#protection.seal(high, low, iv, payload, nextHeader);
    this.#seqHigh = high;
    this.#seqLow = low;
    return packet;
  }

  /**
   * protect() without allocating: writes the packet into `out` from byte `offset` and returns its
   * length (packetLength(payload.length) bytes; `out` must have room for them, or a RangeError is
   * thrown and no sequence number is used). On akacore's own primitives, the default, nothing is
   * allocated per packet: the packet is built in the core's memory and copied once into `out`.
   */
  protectInto(payload: Uint8Array, nextHeader: number, out: Uint8Array, offset = 0): number {
    this.#checkPayload(payload, nextHeader);
    if (!(out instanceof Uint8Array)) throw new TypeError(`out must be a Uint8Array, got ${describe(out)}`);
    if (!Number.isInteger(offset) || offset < 0 || offset > out.length) {
      throw new RangeError(`offset must be an integer from 0 to out.length (${out.length}), got ${String(offset)}`);
    }
    const length = this.packetLength(payload.length);
    if (out.length - offset < length) {
      throw new RangeError(`out must have room for the ${length}-byte packet from offset ${offset}, got ${out.length - offset} bytes`);
    }
    const high = this.#nextHigh(), low = (this.#seqLow + 1) >>> 0;
    const iv = this.#nextIv(high, low), fast = this.#protection.fast;
    if (fast) fast.takePacketInto(fast.seal(high, low, iv, payload, nextHeader), out, offset);
    else out.set(this.#protection.seal(high, low, iv, payload, nextHeader), offset);
    this.#seqHigh = high;
    this.#seqLow = low;
    return length;
  }

  /** The bytes of the packet protect() makes of a `payloadLength`-byte payload (RFC 4303 section 2). */
  packetLength(payloadLength: number): number {
    if (!Number.isInteger(payloadLength) || payloadLength < 0) {
      throw new RangeError(`payloadLength must be a non-negative integer, got ${String(payloadLength)}`);
    }
    return this.#protection.packetLength(payloadLength);
  }

  /**
   * RFC 4303 section 3.3 for many payloads at once: the packets protect() would give for them in
   * order, with consecutive sequence numbers. The packets are views of one buffer (copy one to keep
   * it apart from the others). HMAC SAs encrypt every packet in one call into the core and compute
   * every ICV in another; AES-GCM / GMAC SAs do both in one. Throws, consuming no sequence number, when the batch would run past the
   * end of the sequence number space (RFC 4303 section 3.3.3).
   */
  protectMany(payloads: readonly Uint8Array[], nextHeader: number): Uint8Array[] {
    this.#protection.checkLive();
    if (!Array.isArray(payloads)) throw new TypeError(`payloads must be an array of Uint8Array, got ${describe(payloads)}`);
    payloads.forEach((payload, i) => {
      if (!(payload instanceof Uint8Array)) throw new TypeError(`payloads[${i}] must be a Uint8Array, got ${describe(payload)}`);
    });
    checkNextHeader(nextHeader);
    const count = payloads.length, last = this.#protection.esn ? 2n ** 64n - 1n : 2n ** 32n - 1n;
    if (this.sequence + BigInt(count) > last) {
      throw new Error(
        `OutboundSa ${this.spi}: a batch of ${count} packets would exhaust the sequence number space ` +
          `(${last - this.sequence} left); establish a new SA (RFC 4303 section 3.3.3)`,
      );
    }
    const seqHighs: number[] = new Array(count), seqLows: number[] = new Array(count);
    const ivs = new Uint8Array(this.#iv.length * count);
    let high = this.#seqHigh, low = this.#seqLow;
    for (let i = 0; i < count; i++) {
      low += 1;
      if (low > MAX_UINT32) {
        high += 1;
        low = 0;
      }
      seqHighs[i] = high;
      seqLows[i] = low;
      ivs.set(this.#nextIv(high, low), this.#iv.length * i);
    }
    const packets = this.#sealMany(seqHighs, seqLows, ivs, payloads, nextHeader);
    this.#seqHigh = high;
    this.#seqLow = low;
    return packets;
  }

  // In the core's memory when the primitives are akacore's, every algorithm in one batch; with
  // other primitives, HMAC SAs in one batch and AES-GCM / GMAC SAs packet by packet.
  #sealMany(seqHighs: number[], seqLows: number[], ivs: Uint8Array, payloads: readonly Uint8Array[], nextHeader: number): Uint8Array[] {
    const protection = this.#protection, fast = protection.fast;
    if (fast) return fast.sealMany(seqHighs, seqLows, ivs, payloads, nextHeader);
    return protection.sealMany(seqHighs, seqLows, ivs, payloads, nextHeader);
  }

  #checkPayload(payload: Uint8Array, nextHeader: number): void {
    this.#protection.checkLive();
    if (!(payload instanceof Uint8Array)) throw new TypeError(`payload must be a Uint8Array, got ${describe(payload)}`);
    checkNextHeader(nextHeader);
  }

  /**
   * The high-order half of the next sequence number (its low half is #seqLow + 1, mod 2^32). Throws
   * instead of letting the sequence number cycle (RFC 4303 section 3.3.3).
   */
  #nextHigh(): number {
    if (this.#seqLow < MAX_UINT32) return this.#seqHigh;
    if (!this.#protection.esn || this.#seqHigh === MAX_UINT32) {
      throw new Error(
        `OutboundSa ${this.spi}: the sequence number space is exhausted (${this.#protection.esn ? '2^64' : '2^32'} - 1 packets sent); ` +
          'establish a new SA (RFC 4303 section 3.3.3)',
      );
    }
    return this.#seqHigh + 1;
  }

  /** Disposes the transforms, which zero the keys; the SA cannot protect afterwards. */
  dispose(): void {
    this.#protection.dispose();
    this.#ivMask.fill(0);
  }

  // CBC IVs must be unpredictable (RFC 3602 section 3): random. AES-GCM / GMAC IVs must never
  // repeat under a key (RFC 4106 section 3.1), and TS 33.203 gives the same CK and salt to the SAs
  // of both directions: the sequence number XOR a random per-SA mask cannot repeat within the SA,
  // and two SAs collide only if their masks differ by the XOR of two of their sequence numbers.
  #nextIv(high: number, low: number): Uint8Array {
    const length = this.#iv.length;
    if (this.#ivSource) return checkIv(this.#ivSource(length), length);
    if (this.#protection.aead) {
      writeUint32(this.#iv, 0, high);
      writeUint32(this.#iv, 4, low);
      for (let i = 0; i < 8; i++) this.#iv[i]! ^= this.#ivMask[i]!;
      return this.#iv;
    }
    randomPool.copyTo(this.#iv, 0, length);
    return this.#iv;
  }
}

function checkNextHeader(nextHeader: number): void {
  if (!Number.isInteger(nextHeader) || nextHeader < 0 || nextHeader > 255) {
    throw new RangeError(`nextHeader must be an integer from 0 to 255 (an IP protocol number), got ${String(nextHeader)}`);
  }
}

function checkIv(iv: unknown, length: number): Uint8Array {
  if (!(iv instanceof Uint8Array) || iv.length !== length) {
    throw new RangeError(`ivSource must return ${length} bytes, got ${iv instanceof Uint8Array ? iv.length : describe(iv)}`);
  }
  return iv;
}
