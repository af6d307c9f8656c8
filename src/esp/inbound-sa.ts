// The receiving side of an ESP SA in transport mode (RFC 4303 section 3.4): SPI, anti-replay window
// before the ICV, the ICV, the window update after it, then decryption and the padding check.

import { EspProtection, type SaOptions } from './protection.js';
import { HEADER_LENGTH, payloadLength, readUint32 } from './packet.js';
import { DEFAULT_REPLAY_WINDOW, ReplayWindow } from './replay-window.js';
import { ICV_FAILED, PADDING_FAILED, type WasmPackets } from './wasm-packets.js';
import { describe } from '../bytes.js';

export interface InboundSaOptions extends SaOptions {
  /** Anti-replay window size: a multiple of 32 from 32 to 65536; default 64 (RFC 4303 3.4.3). */
  readonly replayWindow?: number;
  /**
   * Reject packets whose padding is not the default series 1, 2, 3, ... (RFC 4303 section 2.4: the
   * receiver SHOULD inspect it when that scheme is used). Default true.
   */
  readonly checkPadding?: boolean;
}

/** Why a packet was dropped; stable codes. */
export type VerifyFailure = 'malformed' | 'spi' | 'replay' | 'icv' | 'padding';

/** The outcome of InboundSa.verify. */
export type VerifyResult =
  | {
    readonly ok: true;
    /** The transport-mode payload; its memory is not shared with the packet. */
    readonly payload: Uint8Array;
    /** Its IP protocol number; 59 marks a dummy packet (RFC 4303 section 2.6), to be discarded. */
    readonly nextHeader: number;
    /** The Sequence Number field: the low 32 bits. */
    readonly seq: number;
    /** The high-order 32 bits inferred for an ESN SA (RFC 4303 Appendix A2); 0 without ESN. */
    readonly seqHigh: number;
  }
  | { readonly ok: false; readonly reason: VerifyFailure };

/**
 * The outcome of InboundSa.verifyInto: on success the payload is in the caller's buffer. The
 * success object belongs to the SA and is overwritten by its next verifyInto call (so that the
 * call allocates nothing): read its fields before calling again.
 */
export type VerifyIntoResult =
  | {
    readonly ok: true;
    /** Bytes of payload written into `out` from `offset`. */
    readonly length: number;
    readonly nextHeader: number;
    readonly seq: number;
    readonly seqHigh: number;
  }
  | { readonly ok: false; readonly reason: VerifyFailure };

const failure = (reason: VerifyFailure): VerifyResult => Object.freeze({ ok: false, reason });
const MALFORMED = failure('malformed'), WRONG_SPI = failure('spi'), REPLAY = failure('replay');
const BAD_ICV = failure('icv'), BAD_PADDING = failure('padding');

/** The inbound half of an ESP SA. Call dispose() when the SA is deleted: it zeroes the keys. */
export class InboundSa {
  readonly spi: number;
  readonly #protection: EspProtection;
  readonly #window: ReplayWindow;
  readonly #checkPadding: boolean;
  readonly #into = { ok: true as const, length: 0, nextHeader: 0, seq: 0, seqHigh: 0 };

  /** Creates the SA; its keys are expanded once, here. */
  constructor(options: InboundSaOptions) {
    const checkPadding = options?.checkPadding ?? true;
    if (typeof checkPadding !== 'boolean') throw new TypeError(`checkPadding must be a boolean, got ${typeof checkPadding}`);
    this.#window = new ReplayWindow(options?.replayWindow ?? DEFAULT_REPLAY_WINDOW, options?.esn === true);
    this.#checkPadding = checkPadding;
    this.#protection = new EspProtection(options);
    this.spi = options.spi;
  }

  /** The highest sequence number accepted so far (0 before the first). */
  get highestSequence(): bigint {
    return this.#window.highest;
  }

  /**
   * RFC 4303 section 3.4: checks and opens an ESP packet (from its SPI to its ICV). Never throws on
   * the packet's bytes; no plaintext leaves before the ICV verified. The anti-replay window is
   * consulted before the ICV and moved only after it passed (section 3.4.3).
   */
  verify(packet: Uint8Array): VerifyResult {
    if (!(packet instanceof Uint8Array)) throw new TypeError(`packet must be a Uint8Array, got ${typeof packet}`);
    this.#protection.checkLive();
    const seqHigh = this.#precheck(packet);
    if (typeof seqHigh !== 'number') return seqHigh;
    const fast = this.#protection.fast;
    if (!fast) return this.#finish(packet, seqHigh, this.#protection.open(packet, seqHigh));
    const length = fast.open(packet, seqHigh, this.#checkPadding);
    return this.#settle(packet, seqHigh, length) ?? this.#opened(fast, packet, seqHigh, fast.takePayload(length));
  }

  /**
   * verify() without allocating: writes the payload into `out` from byte `offset` and returns its
   * length in the result (see VerifyIntoResult: the success object is reused). `out` must have room
   * for the largest payload the packet could carry, packet.length - overhead bytes (payloadRoom),
   * or a RangeError is thrown before the packet is looked at. On akacore's own primitives, the
   * default, nothing is allocated per packet. RFC 4303 section 3.4, as verify().
   */
  verifyInto(packet: Uint8Array, out: Uint8Array, offset = 0): VerifyIntoResult {
    if (!(packet instanceof Uint8Array)) throw new TypeError(`packet must be a Uint8Array, got ${describe(packet)}`);
    if (!(out instanceof Uint8Array)) throw new TypeError(`out must be a Uint8Array, got ${describe(out)}`);
    if (!Number.isInteger(offset) || offset < 0 || offset > out.length) {
      throw new RangeError(`offset must be an integer from 0 to out.length (${out.length}), got ${String(offset)}`);
    }
    const room = this.payloadRoom(packet.length);
    if (out.length - offset < room) {
      throw new RangeError(`out must have room for ${room} bytes of payload (a ${packet.length}-byte packet) from offset ${offset}, got ${out.length - offset}`);
    }
    this.#protection.checkLive();
    const seqHigh = this.#precheck(packet);
    if (typeof seqHigh !== 'number') return seqHigh as VerifyIntoResult;
    const fast = this.#protection.fast;
    let length: number;
    if (fast) {
      length = fast.open(packet, seqHigh, this.#checkPadding);
      const failed = this.#settle(packet, seqHigh, length);
      if (failed) return failed as VerifyIntoResult;
      fast.takePayloadInto(length, out, offset);
      this.#into.nextHeader = fast.nextHeader;
    } else {
      const result = this.#finish(packet, seqHigh, this.#protection.open(packet, seqHigh));
      if (!result.ok) return result;
      out.set(result.payload, offset);
      length = result.payload.length;
      this.#into.nextHeader = result.nextHeader;
    }
    this.#into.length = length;
    this.#into.seq = readUint32(packet, 4);
    this.#into.seqHigh = seqHigh;
    return this.#into;
  }

  /** The largest payload a packet of `packetLength` bytes can carry on this SA: what verifyInto needs room for. */
  payloadRoom(packetLength: number): number {
    return this.#protection.payloadRoom(packetLength);
  }

  /**
   * RFC 4303 section 3.4 for many packets: exactly [verify(p) for p of packets], in order, so a
   * sequence number repeated within the batch is a 'replay' the second time. The ICVs of every
   * packet that passes the SPI, length and window checks are computed in one call into the core,
   * and with akacore's primitives the packets whose ICV is right are decrypted in one more (AES-GCM
   * / GMAC SAs: one call checks every tag, then decrypts only the packets whose tag is right; with
   * other primitives they go one by one). Never throws on the packets' bytes. With akacore's
   * primitives the payloads of one call are views of blocks made for that call alone (copy one to
   * keep it apart from the others).
   */
  verifyMany(packets: readonly Uint8Array[]): VerifyResult[] {
    if (!Array.isArray(packets)) throw new TypeError(`packets must be an array of Uint8Array, got ${typeof packets}`);
    packets.forEach((packet, i) => {
      if (!(packet instanceof Uint8Array)) throw new TypeError(`packets[${i}] must be a Uint8Array, got ${typeof packet}`);
    });
    this.#protection.checkLive();
    const fast = this.#protection.fast;
    if (!fast && !this.#protection.batchable) return packets.map((packet) => this.verify(packet));
    // The window as the batch starts: the ICVs are computed for the high-order bits inferred now.
    const early = packets.map((packet) => this.#precheck(packet));
    if (fast) return this.#verifyManyFast(fast, packets, early);
    const candidates: number[] = [];
    early.forEach((seqHigh, i) => { if (typeof seqHigh === 'number') candidates.push(i); });
    const icvs = this.#protection.expectedIcvs(candidates.map((i) => packets[i]!), candidates.map((i) => early[i] as number));
    const icvLength = this.#protection.icvLength, slot = new Map(candidates.map((packetIndex, k) => [packetIndex, k]));
    // Then in order, against the window as earlier packets of the batch left it (section 3.4.3).
    return packets.map((packet, i) => {
      const seqHigh = this.#precheck(packet);
      if (typeof seqHigh !== 'number') return seqHigh;
      const k = slot.get(i);
      // The window moved the inferred high-order bits (ESN), or the packet was not a candidate: open it alone.
      if (k === undefined || early[i] !== seqHigh) return this.#finish(packet, seqHigh, this.#protection.open(packet, seqHigh));
      const expected = icvs.subarray(icvLength * k, icvLength * (k + 1));
      return this.#finish(packet, seqHigh, this.#protection.openWithIcv(packet, expected));
    });
  }

  // verifyMany in the core's memory: every ICV in one hmacMany call (AES-GCM / GMAC: every tag, and
  // the packets whose tag is right decrypted, in one gcmOpenMany call), then in packet order the
  // window, then every packet whose ICV was right decrypted in one call, then the padding.
  #verifyManyFast(fast: WasmPackets, packets: readonly Uint8Array[], early: readonly (number | VerifyResult)[]): VerifyResult[] {
    const results: VerifyResult[] = new Array(packets.length), kept: number[] = [];
    fast.openMany(packets, early);
    try {
      for (let i = 0; i < packets.length; i++) {
        const packet = packets[i]!, seqHigh = this.#precheck(packet);
        if (typeof seqHigh !== 'number') {
          results[i] = seqHigh;
        } else if (!fast.has(i) || early[i] !== seqHigh) {
          // The window moved the inferred high-order bits (ESN), or the packet was not a candidate:
          // open it alone, in the spare area past the batch.
          const length = fast.open(packet, seqHigh, this.#checkPadding, fast.spareOffset);
          results[i] = this.#settle(packet, seqHigh, length) ?? this.#opened(fast, packet, seqHigh, fast.takePayload(length));
        } else if (!fast.icvValid(i)) {
          results[i] = BAD_ICV;
        } else {
          this.#window.accept(seqHigh, readUint32(packet, 4));
          fast.keep(i);
          kept.push(i);
        }
      }
      fast.decryptKept();
      const found: number[] = [], nextHeaders: number[] = [];
      for (const i of kept) {
        if (fast.keptPayload(i, this.#checkPadding) < 0) {
          results[i] = BAD_PADDING;
        } else {
          found.push(i);
          nextHeaders.push(fast.nextHeader);
        }
      }
      const payloads = fast.keptPayloadCopies();
      found.forEach((i, k) => {
        results[i] = { ok: true, payload: payloads[k]!, nextHeader: nextHeaders[k]!, seq: readUint32(packets[i]!, 4), seqHigh: early[i] as number };
      });
    } finally {
      fast.endMany();
    }
    return results;
  }

  // RFC 4303 sections 3.4.3 and 3.4.4 after an in-memory open: the failure, if any; the window
  // moves once the ICV has passed, whether or not the padding then does.
  #settle(packet: Uint8Array, seqHigh: number, length: number): VerifyResult | undefined {
    if (length === ICV_FAILED) return BAD_ICV;
    this.#window.accept(seqHigh, readUint32(packet, 4));
    return length === PADDING_FAILED ? BAD_PADDING : undefined;
  }

  #opened(fast: WasmPackets, packet: Uint8Array, seqHigh: number, payload: Uint8Array): VerifyResult {
    return { ok: true, payload, nextHeader: fast.nextHeader, seq: readUint32(packet, 4), seqHigh };
  }

  // RFC 4303 sections 3.4.2 and 3.4.3: the SA, the length and the window, before any ICV. Returns
  // the high-order sequence bits the window infers, or the failure.
  #precheck(packet: Uint8Array): number | VerifyResult {
    if (packet.length < HEADER_LENGTH) return MALFORMED;
    if (readUint32(packet, 0) !== this.spi) return WRONG_SPI;
    if (!this.#protection.fits(packet.length)) return MALFORMED;
    const seqHigh = this.#window.check(readUint32(packet, 4));
    return seqHigh < 0 ? REPLAY : seqHigh;
  }

  // RFC 4303 sections 3.4.3 and 3.4.4: after the ICV, move the window, then check the padding.
  #finish(packet: Uint8Array, seqHigh: number, plaintext: Uint8Array | null): VerifyResult {
    if (!plaintext) return BAD_ICV;
    const seq = readUint32(packet, 4);
    this.#window.accept(seqHigh, seq);
    const length = payloadLength(plaintext, this.#checkPadding);
    if (length < 0) return BAD_PADDING;
    return { ok: true, payload: plaintext.subarray(0, length), nextHeader: plaintext[plaintext.length - 1]!, seq, seqHigh };
  }

  /** Disposes the transforms, which zero the keys; the SA cannot verify afterwards. */
  dispose(): void {
    this.#protection.dispose();
  }
}
