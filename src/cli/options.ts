// Parsing of option values shared by the commands: hex with a fixed length, small integers. Each
// throws a UsageError whose message names the option (`--k`) and the expected and received size.

import { fromHexOf } from '../bytes.js';
import { UsageError } from './errors.js';

const HEX_DIGIT = /[0-9a-fA-F]/;

/** "16 bytes (32 hex digits)" */
export function hexSize(length: number): string {
  return `${length} byte${length === 1 ? '' : 's'} (${length * 2} hex digits)`;
}

/**
 * Parses `value`, given to option `option` (e.g. "--k"), as hex of exactly `length` bytes, with an
 * optional 0x prefix. The value is not echoed in errors: it may be a key.
 */
export function parseHexOption(option: string, value: string, length: number): Uint8Array {
  const digits = /^0[xX]/.test(value) ? value.slice(2) : value;
  const expected = `${option} must be ${hexSize(length)}`;
  for (let i = 0; i < digits.length; i++) {
    if (!HEX_DIGIT.test(digits[i]!)) {
      throw new UsageError(
        `${expected}, got a non-hex character ${JSON.stringify(digits[i])} at position ${i + 1} of ${digits.length}`,
      );
    }
  }
  if (digits.length % 2 !== 0) {
    throw new UsageError(`${expected}, got ${digits.length} hex digits (an odd number)`);
  }
  try {
    return fromHexOf(value, option, length);
  } catch (error) {
    // The library's TypeError / RangeError already names the field, here the option.
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
