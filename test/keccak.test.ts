import { randomBytes, randomInt } from 'node:crypto';
import { keccakP } from '@noble/hashes/sha3.js';
import { describe, expect, it } from 'vitest';
import { fromHex, keccakF1600, toHex } from '../src/index.js';
import { core, memoryBytes, Region } from '../src/wasm.js';
import ts35232 from '../test-vectors/keccak-ts35232.json' with { type: 'json' };

/** @noble/hashes' Keccak-f[1600] (24 rounds) on a copy, `iterations` times. */
function nobleKeccak(state: Uint8Array, iterations: number): Uint8Array {
  const lanes = new Uint32Array(state.slice().buffer);
  for (let i = 0; i < iterations; i++) keccakP(lanes);
  return new Uint8Array(lanes.buffer);
}

describe(`Keccak-f[1600]: ${ts35232.source.document} clause ${ts35232.source.clause}`, () => {
  it('holds the six test sets', () => {
    expect(ts35232.sets.map((s) => s.set)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each(ts35232.sets)('test set $set', (set) => {
    const input = fromHex(set.in);
    expect(toHex(keccakF1600(input))).toBe(set.out);
    expect(toHex(input)).toBe(set.in); // the input is left as it was
  });

  it('iterates: two iterations are the permutation of the permutation', () => {
    const once = keccakF1600(fromHex(ts35232.sets[0]!.in));
    expect(toHex(keccakF1600(fromHex(ts35232.sets[0]!.in), 2))).toBe(toHex(keccakF1600(once)));
  });
});

describe('Keccak-f[1600] against @noble/hashes keccakP', () => {
  it('agrees on 5,000 random states', () => {
    for (let i = 0; i < 5_000; i++) {
      const state = new Uint8Array(randomBytes(200));
      expect(toHex(keccakF1600(state))).toBe(toHex(nobleKeccak(state, 1)));
    }
  });

  it('agrees on 200 random states iterated 1 to 8 times', () => {
    for (let i = 0; i < 200; i++) {
      const state = new Uint8Array(randomBytes(200)), iterations = randomInt(1, 9);
      expect(toHex(keccakF1600(state, iterations))).toBe(toHex(nobleKeccak(state, iterations)));
    }
  });
});

describe('the two-state kernel keccakF1600x2 (TUAK runs its permutations in pairs)', () => {
  it('permutes both states as @noble/hashes does, on 500 random pairs, 1 to 3 iterations', () => {
    const region = new Region(400);
    try {
      for (let i = 0; i < 500; i++) {
        const a = new Uint8Array(randomBytes(200)), b = new Uint8Array(randomBytes(200)), iterations = 1 + (i % 3);
        region.write(a, 0);
        region.write(b, 200);
        core().keccakF1600x2(region.ptr, region.ptr + 200, iterations);
        const both = memoryBytes().slice(region.ptr, region.ptr + 400);
        expect(toHex(both.subarray(0, 200))).toBe(toHex(nobleKeccak(a, iterations)));
        expect(toHex(both.subarray(200))).toBe(toHex(nobleKeccak(b, iterations)));
      }
    } finally {
      region.free();
    }
  });
});

describe('keccakF1600 input checks', () => {
  it('names the state and its sizes', () => {
    expect(() => keccakF1600(new Uint8Array(199))).toThrow(new RangeError('state must be 200 bytes, got 199'));
    expect(() => keccakF1600([] as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => keccakF1600([] as unknown as Uint8Array)).toThrow(/state must be a Uint8Array of 200 bytes, got Array/);
  });

  it('rejects an iteration count outside 1..255', () => {
    for (const bad of [0, -1, 1.5, 256, Number.NaN]) {
      expect(() => keccakF1600(new Uint8Array(200), bad)).toThrow(RangeError);
      expect(() => keccakF1600(new Uint8Array(200), bad)).toThrow(/iterations must be a whole number from 1 to 255/);
    }
  });
});
