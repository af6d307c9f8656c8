import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplayWindow, toHex } from '../src/index.js';
import { PAIRS, saPair } from './helpers/esp.js';

const pair = fc.constantFrom(...PAIRS);
const payload = fc.uint8Array({ minLength: 0, maxLength: 2048 });

describe('ESP SA properties (fast-check)', () => {
  it('protect then verify gives back the payload and next header, for any payload and SA', () => {
    fc.assert(
      fc.property(pair, fc.boolean(), payload, fc.integer({ min: 0, max: 255 }), (algorithms, esn, data, nextHeader) => {
        const { outbound, inbound } = saPair(algorithms, { esn });
        const result = inbound.verify(outbound.protect(data, nextHeader));
        expect(result.ok && toHex(result.payload) === toHex(data) && result.nextHeader === nextHeader).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects any change of a single bit, anywhere in the packet', () => {
    fc.assert(
      fc.property(pair, fc.boolean(), payload, fc.nat(), (algorithms, esn, data, position) => {
        const { outbound, inbound } = saPair(algorithms, { esn });
        const packet = outbound.protect(data, 17);
        const bit = position % (packet.length * 8);
        packet[bit >> 3]! ^= 1 << (bit & 7);
        expect(inbound.verify(packet).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects any packet of random bytes, without throwing', () => {
    fc.assert(
      fc.property(pair, fc.uint8Array({ maxLength: 200 }), (algorithms, bytes) => {
        const { inbound } = saPair(algorithms);
        bytes.set([0x12, 0x34, 0x56, 0x78].slice(0, bytes.length));
        expect(inbound.verify(bytes).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('ReplayWindow properties (fast-check)', () => {
  const size = fc.integer({ min: 1, max: 8 }).map((words) => words * 32);

  it('accepts each fresh sequence number exactly once, in any order within the window', () => {
    fc.assert(
      fc.property(size, fc.boolean(), fc.integer({ min: 0, max: 2 ** 32 - 1 - 256 }), fc.nat(), (windowSize, esn, start, seed) => {
        const window = new ReplayWindow(windowSize, esn);
        if (start > 0) window.accept(0, start);
        // The next windowSize numbers, shuffled, each sent twice.
        const numbers = Array.from({ length: windowSize }, (_, i) => start + 1 + i);
        const arrivals = shuffle([...numbers, ...numbers], seed);
        const accepted = new Map<number, number>();
        for (const seq of arrivals) {
          const high = window.check(seq);
          if (high < 0) continue;
          expect(high).toBe(0);
          window.accept(high, seq);
          accepted.set(seq, (accepted.get(seq) ?? 0) + 1);
        }
        expect([...accepted.keys()].sort((a, b) => a - b)).toEqual(numbers);
        expect([...accepted.values()].every((count) => count === 1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never accepts a number that fell out of the window', () => {
    fc.assert(
      fc.property(size, fc.array(fc.integer({ min: 1, max: 5000 }), { maxLength: 200 }), (windowSize, arrivals) => {
        const window = new ReplayWindow(windowSize);
        const seen = new Set<number>();
        let top = 0;
        for (const seq of arrivals) {
          const fresh = window.check(seq) === 0;
          expect(fresh).toBe(!seen.has(seq) && seq > top - windowSize);
          if (fresh) {
            window.accept(0, seq);
            seen.add(seq);
            top = Math.max(top, seq);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** A deterministic Fisher-Yates shuffle driven by `seed`. */
function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0 || 1;
  for (let i = items.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
