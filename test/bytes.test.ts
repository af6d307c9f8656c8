import { describe, expect, it } from 'vitest';
import { constantTimeEqual, fromHex, fromHexOf, toHex } from '../src/index.js';

describe('hex helpers', () => {
  it('round-trip, with or without 0x, in either case', () => {
    expect(toHex(fromHex('0x00ffA5'))).toBe('00ffa5');
    expect(toHex(fromHex(''))).toBe('');
    expect(fromHexOf('0011', 'amf', 2)).toEqual(Uint8Array.of(0, 0x11));
  });
  it('name the field and never quote the value (it may be a key)', () => {
    expect(() => fromHex('00zz11', 'k')).toThrow(new TypeError('k must be hex digits, got a non-hex character at position 3 of 6'));
    expect(() => fromHex('001', 'rand')).toThrow(new TypeError('rand must be hex digits, got 3 hex digits (an odd number)'));
    expect(() => fromHexOf('00', 'sqn', 6)).toThrow(new RangeError('sqn must be 6 bytes (12 hex digits), got 1'));
    expect(() => fromHexOf('0g', 'k', 16)).toThrow(new TypeError('k must be 16 bytes (32 hex digits), got a non-hex character at position 2 of 2'));
    expect(() => fromHex(5 as unknown as string, 'k')).toThrow(/k must be a hex string, got number/);
  });
});

describe('constantTimeEqual', () => {
  it('compares contents and lengths', () => {
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1))).toBe(false);
  });
});
