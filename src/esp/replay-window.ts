// The receiver's anti-replay window of RFC 4303 section 3.4.3 and Appendix A, kept as the bitmap of
// RFC 6479: a ring of 32-bit words, one bit per sequence number, so that sliding the window clears
// whole words instead of shifting bits. Constant memory, no allocation per packet.

/** The default window size (RFC 4303 section 3.4.3: 64 is the default, 32 the minimum). */
export const DEFAULT_REPLAY_WINDOW = 64;
/** The largest window accepted here. */
export const MAX_REPLAY_WINDOW = 65536;

const TWO_32 = 0x1_0000_0000;

/**
 * Anti-replay window over 32-bit or 64-bit (ESN) sequence numbers. Use in two steps, as RFC 4303
 * section 3.4.3 orders them: `check` before the ICV is verified, `accept` only after it passed.
 */
export class ReplayWindow {
  /** Sequence numbers more than `size - 1` below the highest accepted one are rejected. */
  readonly size: number;
  /** Whether sequence numbers are 64-bit, with the high half inferred (RFC 4303 Appendix A2). */
  readonly esn: boolean;
  readonly #bitmap: Uint32Array;
  readonly #mask: number;
  #topHigh = 0;
  #topLow = 0;

  /** A window of `size` sequence numbers: a multiple of 32 from 32 to 65536 (RFC 6479 section 2). */
  constructor(size: number = DEFAULT_REPLAY_WINDOW, esn = false) {
    if (!Number.isInteger(size) || size < 32 || size > MAX_REPLAY_WINDOW || size % 32 !== 0) {
      throw new RangeError(`replayWindow must be a multiple of 32 from 32 to ${MAX_REPLAY_WINDOW}, got ${String(size)}`);
    }
    if (typeof esn !== 'boolean') throw new TypeError(`esn must be a boolean, got ${typeof esn}`);
    this.size = size;
    this.esn = esn;
    // One word more than the window needs (RFC 6479), rounded up to a power of two so that the
    // word of a 64-bit sequence number depends on its low half only.
    let words = 1;
    while (words < size / 32 + 1) words *= 2;
    this.#bitmap = new Uint32Array(words);
    this.#mask = words - 1;
    // Sequence number 0 is never sent (RFC 4303 section 3.3.3: the first packet carries 1).
    this.#bitmap[0] = 1;
  }

  /** The highest sequence number accepted so far (0 before the first). */
  get highest(): bigint {
    return (BigInt(this.#topHigh) << 32n) | BigInt(this.#topLow);
  }

  /**
   * RFC 4303 section 3.4.3 / Appendix A: whether the packet whose header carries `seqLow` may be
   * new. Returns the high-order 32 bits of its sequence number (0 without ESN) when it lies ahead
   * of the window or in it unseen, and -1 when it is a duplicate, too old, or beyond 2^64 - 1.
   */
  check(seqLow: number): number {
    const high = this.esn ? this.#inferHigh(seqLow) : 0;
    if (high < 0 || !this.#isFresh(high, seqLow)) return -1;
    return high;
  }

  /**
   * Records a sequence number whose packet passed its integrity check, sliding the window when it
   * lies ahead (RFC 4303 section 3.4.3). `seqHigh` must be what `check` returned for it.
   */
  accept(seqHigh: number, seqLow: number): void {
    if (seqHigh > this.#topHigh || (seqHigh === this.#topHigh && seqLow > this.#topLow)) {
      this.#clearBlocksUpTo(seqHigh, seqLow);
      this.#topHigh = seqHigh;
      this.#topLow = seqLow;
    }
    this.#bitmap[(seqLow >>> 5) & this.#mask]! |= 1 << (seqLow & 31);
  }

  // RFC 4303 Appendix A2.2: guess the high half from where the window (top Th:Tl, size W) lies.
  #inferHigh(seqLow: number): number {
    const tl = this.#topLow, th = this.#topHigh, bottom = tl - this.size + 1;
    if (bottom >= 0) {
      // Case A: the window lies within one 2^32 subspace; a lower number is from the next one.
      if (seqLow >= bottom) return th;
      return th === TWO_32 - 1 ? -1 : th + 1;
    }
    // Case B: the window spans two subspaces; numbers near 2^32 belong to the previous one.
    if (seqLow >= bottom + TWO_32) return th - 1;
    return th;
  }

  #isFresh(high: number, low: number): boolean {
    const th = this.#topHigh, tl = this.#topLow;
    if (high > th || (high === th && low > tl)) return true;
    const behind = (th - high) * TWO_32 + (tl - low);
    if (behind >= this.size) return false;
    return (this.#bitmap[(low >>> 5) & this.#mask]! & (1 << (low & 31))) === 0;
  }

  // RFC 6479 section 2.2: the words the window slides into start empty.
  #clearBlocksUpTo(high: number, low: number): void {
    const from = this.#topLow >>> 5;
    const blocks = (high - this.#topHigh) * (TWO_32 / 32) + ((low >>> 5) - from);
    if (blocks > this.#mask) {
      this.#bitmap.fill(0);
      return;
    }
    for (let i = 1; i <= blocks; i++) this.#bitmap[(from + i) & this.#mask] = 0;
  }
}
