// Keccak-f[1600], the permutation under TUAK (TS 35.231 Annex C; FIPS 202 clause 3), on the
// WebAssembly core: exposed for test tools that check an implementation against TS 35.232.

import { checkBytes } from './bytes.js';
import { core, Region } from './wasm.js';

/** Bytes of the Keccak-f[1600] state. */
export const KECCAK_STATE_BYTES = 200;

/**
 * Keccak-f[1600] applied `iterations` times (default 1) to a copy of `state`, 200 bytes with lane
 * x + 5y at byte 8(x + 5y), least significant byte first (TS 35.231 Annex C, TS 35.232 clause 5).
 */
export function keccakF1600(state: Uint8Array, iterations = 1): Uint8Array {
  checkBytes('state', state, KECCAK_STATE_BYTES);
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 255) {
    throw new RangeError(`iterations must be a whole number from 1 to 255, got ${iterations}`);
  }
  const region = new Region(KECCAK_STATE_BYTES);
  try {
    region.write(state);
    core().keccakF1600(region.ptr, iterations);
    return region.read(0, KECCAK_STATE_BYTES);
  } finally {
    region.free();
  }
}
