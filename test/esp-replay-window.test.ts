import { describe, expect, it } from 'vitest';
import { ReplayWindow } from '../src/index.js';

const TWO_32 = 2 ** 32;

/** check then, if fresh, accept: a packet whose ICV passed. Returns the inferred high half or -1. */
function receive(window: ReplayWindow, seqLow: number): number {
  const high = window.check(seqLow);
  if (high >= 0) window.accept(high, seqLow);
  return high;
}

describe('ReplayWindow without ESN (RFC 4303 section 3.4.3)', () => {
  it('never accepts sequence number 0, which no sender uses', () => {
    expect(new ReplayWindow().check(0)).toBe(-1);
  });

  it('accepts each number once, in any order within the window', () => {
    const window = new ReplayWindow(64);
    const order = Array.from({ length: 64 }, (_, i) => 64 - i);
    for (const seq of order) expect(receive(window, seq)).toBe(0);
    for (const seq of order) expect(window.check(seq)).toBe(-1);
    expect(window.highest).toBe(64n);
  });

  it('check alone does not change the window: only accept does', () => {
    const window = new ReplayWindow(32);
    expect(window.check(1000)).toBe(0);
    expect(window.check(1000)).toBe(0);
    expect(window.highest).toBe(0n);
    window.accept(0, 1000);
    expect(window.check(1000)).toBe(-1);
    expect(window.check(969)).toBe(0);
    expect(window.check(968)).toBe(-1);
  });

  it.each([32, 64, 96, 160, 1024, 4096, 65536])('window %i: the edge, and jumps that clear the bitmap', (size) => {
    const window = new ReplayWindow(size);
    const accepted: number[] = [];
    for (const top of [size * 3 + 5, size * 3 + 37, size * 4 + 40, size * 10 + 1, size * 10 + 2 + 32 * 5]) {
      expect(receive(window, top)).toBe(0);
      accepted.push(top);
      expect(window.check(top - size)).toBe(-1);
      expect(window.check(top)).toBe(-1);
      // Within the window only what was accepted is stale: the words the window slid into were cleared.
      let fresh = 0;
      for (let seq = top - size + 1; seq <= top; seq++) if (window.check(seq) === 0) fresh++;
      expect(fresh).toBe(size - accepted.filter((seq) => seq > top - size).length);
    }
  });

  it('keeps working up to 2^32 - 1 and stays there', () => {
    const window = new ReplayWindow(64);
    expect(receive(window, TWO_32 - 1)).toBe(0);
    expect(window.check(TWO_32 - 1)).toBe(-1);
    expect(receive(window, TWO_32 - 64)).toBe(0);
    expect(window.check(TWO_32 - 65)).toBe(-1);
    expect(window.check(1)).toBe(-1);
  });

  it('refuses sizes that are not multiples of 32 from 32 to 65536', () => {
    for (const size of [0, 16, 33, 65537 - 1 + 32, 1.5, Number.NaN]) {
      expect(() => new ReplayWindow(size)).toThrow(RangeError);
    }
    expect(() => new ReplayWindow(64, 'yes' as never)).toThrow(/esn must be a boolean/);
    expect(new ReplayWindow(65536).size).toBe(65536);
  });
});

describe('ReplayWindow with ESN (RFC 4303 Appendix A2)', () => {
  it('infers the high half across the 2^32 boundary (case A, then case B)', () => {
    const window = new ReplayWindow(64, true);
    expect(receive(window, TWO_32 - 100)).toBe(0);
    expect(receive(window, TWO_32 - 10)).toBe(0);
    // Case A (the window lies below 2^32): a small number is from the next subspace.
    expect(window.check(5)).toBe(1);
    expect(receive(window, 3)).toBe(1);
    expect(window.highest).toBe(BigInt(TWO_32 + 3));
    // Case B (the window spans the boundary): numbers near 2^32 belong to the previous subspace.
    expect(receive(window, TWO_32 - 20)).toBe(0);
    expect(window.check(TWO_32 - 20)).toBe(-1);
    expect(window.check(TWO_32 - 60)).toBe(0);
    // Below the window's bottom the guess is the current subspace, far ahead: its ICV decides.
    expect(window.check(TWO_32 - 61)).toBe(1);
    expect(window.check(3)).toBe(-1);
    expect(receive(window, 2)).toBe(1);
    expect(receive(window, 100)).toBe(1);
    expect(window.check(100)).toBe(-1);
    expect(window.check(37)).toBe(1);
    // Case A again: below the window means the next subspace.
    expect(window.check(2)).toBe(2);
  });

  it('treats a number below the window as being from the next subspace (RFC 4303 A2.2 case A)', () => {
    const window = new ReplayWindow(64, true);
    receive(window, 1000);
    expect(window.check(936)).toBe(1);
    expect(window.check(937)).toBe(0);
  });

  it('at the very start, numbers near 2^32 would precede sequence number 1: rejected', () => {
    const window = new ReplayWindow(64, true);
    expect(window.check(TWO_32 - 1)).toBe(-1);
    expect(window.check(TWO_32 - 63)).toBe(-1);
    expect(window.check(TWO_32 - 64)).toBe(0);
  });

  it('refuses to go past 2^64 - 1', () => {
    const window = new ReplayWindow(32, true);
    window.accept(TWO_32 - 1, TWO_32 - 40);
    expect(window.check(TWO_32 - 1)).toBe(TWO_32 - 1);
    expect(window.check(5)).toBe(-1);
    expect(window.highest).toBe(2n ** 64n - 40n);
  });
});
