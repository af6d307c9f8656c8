// Bytes in and out of the API: hex for humans, tests and the CLI; length checks that name the field.

/** Throws a TypeError unless `value` is a Uint8Array, and a RangeError unless it has `length` bytes. */
export function checkBytes(field: string, value: unknown, length: number): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${field} must be a Uint8Array of ${length} bytes, got ${describe(value)}`);
  }
  if (value.length !== length) {
    throw new RangeError(`${field} must be ${length} bytes, got ${value.length}`);
  }
  return value;
}

/** Like checkBytes, for a packed column of `count` entries of `stride` bytes each. */
export function checkColumn(field: string, value: unknown, stride: number, count: number): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${field} must be a Uint8Array of ${count} x ${stride} bytes, got ${describe(value)}`);
  }
  if (value.length !== stride * count) {
    throw new RangeError(
      `${field} must be ${count} x ${stride} = ${stride * count} bytes, got ${value.length}`,
    );
  }
  return value;
}

/** What kind of value this is (a class name or a type), for error messages about caller mistakes. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

/**
 * Parses hex (an optional 0x prefix, no separators) into bytes; `field` names it in errors. The
 * value itself is never quoted in an error, since it may be a key.
 */
export function fromHex(hex: string, field = 'hex'): Uint8Array {
  return parseHex(hex, field, 'hex digits');
}

/** Parses hex that must decode to exactly `length` bytes. */
export function fromHexOf(hex: string, field: string, length: number): Uint8Array {
  const expected = `${length} bytes (${length * 2} hex digits)`;
  const bytes = parseHex(hex, field, expected);
  if (bytes.length !== length) throw new RangeError(`${field} must be ${expected}, got ${bytes.length}`);
  return bytes;
}

function parseHex(hex: string, field: string, expected: string): Uint8Array {
  if (typeof hex !== 'string') throw new TypeError(`${field} must be a hex string, got ${describe(hex)}`);
  const digits = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  const bad = digits.search(/[^0-9a-fA-F]/);
  if (bad >= 0) {
    throw new TypeError(`${field} must be ${expected}, got a non-hex character at position ${bad + 1} of ${digits.length}`);
  }
  if (digits.length % 2 !== 0) {
    throw new TypeError(`${field} must be ${expected}, got ${digits.length} hex digits (an odd number)`);
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.substr(i * 2, 2), 16);
  return bytes;
}

/** The two lower-case hex digits of each byte value, so that toHex does one lookup a byte. */
const HEX_PAIRS = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX_PAIRS[bytes[i]!]!;
  return out;
}

/** Equality of two byte arrays in time that depends only on their lengths, not their contents. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
