// Random bytes for IVs, drawn from crypto.getRandomValues 4 KiB at a time: one call to the system
// generator serves about 250 AES-CBC packets.

const POOL_BYTES = 4096;

/** A batch of random bytes handed out in slices; shared by all SAs (JavaScript runs one at a time). */
class RandomPool {
  readonly #pool = new Uint8Array(POOL_BYTES);
  #used = POOL_BYTES;

  /** `length` (at most 4096) fresh random bytes: a view, valid until the next call. */
  take(length: number): Uint8Array {
    if (this.#used + length > POOL_BYTES) {
      crypto.getRandomValues(this.#pool);
      this.#used = 0;
    }
    const bytes = this.#pool.subarray(this.#used, this.#used + length);
    this.#used += length;
    return bytes;
  }

  /** Writes `length` (at most 4096) fresh random bytes into `out` from `offset`, creating no view. */
  copyTo(out: Uint8Array, offset: number, length: number): void {
    if (this.#used + length > POOL_BYTES) {
      crypto.getRandomValues(this.#pool);
      this.#used = 0;
    }
    const pool = this.#pool, from = this.#used;
    for (let i = 0; i < length; i++) out[offset + i] = pool[from + i]!;
    this.#used += length;
  }
}

/** The shared pool of random bytes for IVs and per-SA masks. */
export const randomPool = new RandomPool();
