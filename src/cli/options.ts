// Parsing of option values shared by the commands: hex with a fixed length, small integers. Each
// throws a UsageError whose message names the option (`--k`) and the expected and received size.

import { fromHex, fromHexOf } from '../index.js';
import { UsageError } from './errors.js';

/** "16 bytes (32 hex digits)" */
export function hexSize(length: number): string {
  return `${length} byte${length === 1 ? '' : 's'} (${length * 2} hex digits)`;
}

/**
 * Parses `value`, given to option `option` (e.g. "--k"), as hex of exactly `length` bytes, with an
 * optional 0x prefix. The library's error names the option and the sizes, never the value.
 */
export function parseHexOption(option: string, value: string, length: number): Uint8Array {
  try {
    return fromHexOf(value, option, length);
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

/** Parses `value` as a whole number from `min` to `max` (decimal digits only). */
export function parseIntegerOption(option: string, value: string, min: number, max: number, unit: string): number {
  const expected = `${option} must be a whole number of ${unit} from ${min} to ${max}`;
  if (!/^\d+$/.test(value)) throw new UsageError(`${expected}, got ${JSON.stringify(value)}`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${expected}, got ${n}`);
  return n;
}

/**
 * Parses `value`, given to option `option`, as hex of `min` to `max` bytes (an optional 0x prefix).
 * The message names the option and the sizes, never the value.
 */
export function parseHexRangeOption(option: string, value: string, min: number, max: number): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = fromHex(value, option);
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  if (bytes.length < min || bytes.length > max) {
    const expected = min === max ? hexSize(min) : `${min} to ${max} bytes (${2 * min} to ${2 * max} hex digits)`;
    throw new UsageError(`${option} must be ${expected}, got ${bytes.length}`);
  }
  return bytes;
}
