// Inputs and outputs of the cipher modes: one block of linear memory that they share, so that a
// call into the core allocates nothing once the block is large enough (calls are synchronous and
// run one at a time, so one block serves them all; each caller wipes the bytes it used), and the
// checks of their inputs.

import { describe } from './bytes.js';
import { memoryBytes, Region } from './wasm.js';

let region: Region | undefined;

/** The shared region, grown to at least `size` bytes (the old one is zeroed and released). */
export function scratch(size: number): Region {
  if (!region || region.size < size) {
    region?.free();
    region = undefined;
    region = new Region(Math.max(size, 4096) + 15 & ~15);
  }
  return region;
}

/** Past this size the region is given back after use rather than kept (and zeroed by release). */
const KEPT_SIZE = 1 << 20;

/**
 * Zeroes the first `length` bytes of the shared region, which held keys, plaintext or both; a
 * region grown past 1 MiB by a large batch is released instead, so that it does not stay reserved.
 */
export function wipeScratch(length: number): void {
  if (!region) return;
  if (region.size > KEPT_SIZE) {
    region.free();
    region = undefined;
    return;
  }
  memoryBytes().fill(0, region.ptr, region.ptr + Math.min(length, region.size));
}

/** Throws a TypeError naming `field` unless `value` is a Uint8Array. */
export function checkUint8Array(field: string, value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${field} must be a Uint8Array, got ${describe(value)}`);
  }
  return value;
}
