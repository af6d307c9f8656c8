// The receiving side of an ESP SA in transport mode (RFC 4303 section 3.4): SPI, anti-replay window
// before the ICV, the ICV, the window update after it, then decryption and the padding check.

import { EspProtection, type SaOptions } from './protection.js';
import { HEADER_LENGTH, payloadLength, readUint32 } from './packet.js';
import { DEFAULT_REPLAY_WINDOW, ReplayWindow } from './replay-window.js';

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

const failure = (reason: VerifyFailure): VerifyResult => Object.freeze({ ok: false, reason });
const MALFORMED = failure('malformed'), WRONG_SPI = failure('spi'), REPLAY = failure('replay');
const BAD_ICV = failure('icv'), BAD_PADDING = failure('padding');

/** The inbound half of an ESP SA. Call dispose() when the SA is deleted: it zeroes the keys. */
export class InboundSa {
  readonly spi: number;
  readonly #protection: EspProtection;
  readonly #window: ReplayWindow;
  readonly #checkPadding: boolean;

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
    return this.#finish(packet, seqHigh, this.#protection.open(packet, seqHigh));
  }

  /**
   * RFC 4303 section 3.4 for many packets: exactly [verify(p) for p of packets], in order, so a
   * sequence number repeated within the batch is a 'replay' the second time. The ICVs of every
   * packet that passes the SPI, length and window checks are computed in one call into the core
   * (HMAC SAs; AES-GCM / GMAC SAs go one by one). Never throws on the packets' bytes.
   */
  verifyMany(packets: readonly Uint8Array[]): VerifyResult[] {
    if (!Array.isArray(packets)) throw new TypeError(`packets must be an array of Uint8Array, got ${typeof packets}`);
    packets.forEach((packet, i) => {
      if (!(packet instanceof Uint8Array)) throw new TypeError(`packets[${i}] must be a Uint8Array, got ${typeof packet}`);
    });
    this.#protection.checkLive();
    if (!this.#protection.batchable) return packets.map((packet) => this.verify(packet));
    // The window as the batch starts: the ICVs are computed for the high-order bits inferred now.
    const early = packets.map((packet) => this.#precheck(packet));
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
