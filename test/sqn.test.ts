import { describe, expect, it } from 'vitest';
import { joinSqn, splitSqn, sqnFromBytes, sqnToBytes, SQN_MAX, checkIndBits } from '../src/sqn.js';

describe('SQN = SEQ || IND (TS 33.102 Annex C.1.2)', () => {
  it('writes SQN big-endian in 6 bytes and reads it back', () => {
    expect(Array.from(sqnToBytes(0xff9bb4d0b607))).toEqual([0xff, 0x9b, 0xb4, 0xd0, 0xb6, 0x07]);
    expect(sqnFromBytes(Uint8Array.of(9, 0xff, 0x9b, 0xb4, 0xd0, 0xb6, 0x07), 1)).toBe(0xff9bb4d0b607);
    for (const sqn of [0, 1, 2 ** 32 - 1, 2 ** 32, SQN_MAX]) expect(sqnFromBytes(sqnToBytes(sqn))).toBe(sqn);
  });

  it('refuses to read SQN past the end of the bytes', () => {
    expect(() => sqnFromBytes(new Uint8Array(5))).toThrow(new RangeError('bytes must hold 6 bytes of SQN from offset 0, got 5 bytes'));
    expect(() => sqnFromBytes(new Uint8Array(8), 3)).toThrow(RangeError);
    expect(sqnFromBytes(Uint8Array.of(9, 9, 0, 0, 0x80, 0, 0, 1), 2)).toBe(2 ** 31 + 1); // no sign from << 24
  });

  it('splits into SEQ and IND and joins them again', () => {
    expect(splitSqn(0b1011_00111, 5)).toEqual({ seq: 0b1011, ind: 0b00111 });
    expect(joinSqn(0b1011, 0b00111, 5)).toBe(0b1011_00111);
    expect(splitSqn(SQN_MAX, 5)).toEqual({ seq: 2 ** 43 - 1, ind: 31 });
    expect(splitSqn(12345, 0)).toEqual({ seq: 12345, ind: 0 });
  });

  it('names the field when a value does not fit', () => {
    expect(() => sqnToBytes(2 ** 48)).toThrow(/sqn must be a whole number from 0 to 281474976710655, got 281474976710656/);
    expect(() => sqnToBytes(1.5)).toThrow(RangeError);
    expect(() => joinSqn(1, 32, 5)).toThrow(/ind must be a whole number from 0 to 31, got 32/);
    expect(() => joinSqn(2 ** 43, 0, 5)).toThrow(/seq must be/);
    expect(() => checkIndBits('indBits', 48)).toThrow(/indBits must be a whole number of bits from 0 to 47, got 48/);
  });
});
