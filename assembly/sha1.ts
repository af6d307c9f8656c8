// SHA-1 (FIPS 180-4 clause 6.1): the compression function over whole 64-byte blocks, for one
// message (scalar) or for eight messages at once in the 32-bit lanes of two v128 (multi-buffer),
// and the finish with padding (clause 5.1.1).
//
// Memory formats:
//   state   5 x u32, H0..H4 (native little-endian words).
//   state8  5 x 32 bytes: word j of lane k at 32 j + 4 k (see lanes.ts).
// Scratch (the message schedule) is static and holds only message-derived words.

import { loadLanes, rotl4 } from "./lanes";
import { finalBlocks, padTail, writeDigest } from "./padding";
import { zero16 } from "./blocks";

export const SHA1_DIGEST_SIZE: usize = 20;

// The round constants K (clause 4.2.1), one per 20 rounds.
const K0: u32 = 0x5a827999, K1: u32 = 0x6ed9eba1, K2: u32 = 0x8f1bbcdc, K3: u32 = 0xca62c1d6;

/** Sets `state` to the initial hash value H(0) (clause 5.3.1). */
export function sha1Init(state: usize): void {
  store<u32>(state, 0x67452301, 0);
  store<u32>(state, 0xefcdab89, 4);
  store<u32>(state, 0x98badcfe, 8);
  store<u32>(state, 0x10325476, 12);
  store<u32>(state, 0xc3d2e1f0, 16);
}

// The functions f_t of clause 4.1.1, in forms with fewer operations.
// @ts-ignore: decorator
@inline function ch(x: u32, y: u32, z: u32): u32 { return z ^ (x & (y ^ z)); }
// @ts-ignore: decorator
@inline function parity(x: u32, y: u32, z: u32): u32 { return x ^ y ^ z; }
// @ts-ignore: decorator
@inline function maj(x: u32, y: u32, z: u32): u32 { return (x & y) | (z & (x | y)); }

/**
 * T = ROTL5(a) + f + e + K + W, the new working variable of one round (clause 6.1.2 step 3), with
 * kw = K + W; a, just computed, comes last so that the dependency chain from round to round stays
 * short.
 */
// @ts-ignore: decorator
@inline function round(a: u32, f: u32, e: u32, kw: u32): u32 { return (e + kw + f) + rotl<u32>(a, 5); }

/** K_t + W_t for t = 0..79: the message schedule of one block (clause 6.1.2 step 1) plus the constants. */
const schedule = memory.data(80 * 4, 16);

// The schedule is computed four words at a time in v128 registers: group g holds W_4g..W_4g+3.
// @ts-ignore: decorator
@inline function swap(x: v128): v128 {
  return i8x16.shuffle(x, x, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
}
/** W_t-2..W_t+1 of the group between `low` (W_t-4..) and `high` (W_t..). */
// @ts-ignore: decorator
@inline function between(low: v128, high: v128): v128 {
  return i8x16.shuffle(low, high, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23);
}
/**
 * W_t = ROTL1(W_t-3 ^ W_t-8 ^ W_t-14 ^ W_t-16) for a group t..t+3 (t < 32): W_t+3 needs W_t, in
 * the same vector, so W_t is taken as 0 first and ROTL1(W_t) is folded into the fourth lane after.
 */
// @ts-ignore: decorator
@inline function early(g4: v128, g3: v128, g2: v128, g1: v128): v128 {
  const zero = v128.splat<i32>(0);
  const w3 = i8x16.shuffle(g1, zero, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19); // W_t-3..W_t-1, 0
  const w = rotl4(v128.xor(v128.xor(w3, g2), v128.xor(between(g4, g3), g4)), 1);
  const first = i8x16.shuffle(zero, w, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19); // 0, 0, 0, W_t
  return v128.xor(w, rotl4(first, 1));
}
/**
 * From t = 32 the same recurrence substituted into itself, W_t = ROTL2(W_t-6 ^ W_t-16 ^ W_t-28 ^
 * W_t-32), needs no word of its own group (Locktyukhin, "Improving the performance of SHA-1",
 * Intel 2010).
 */
// @ts-ignore: decorator
@inline function late(g8: v128, g7: v128, g4: v128, g2: v128, g1: v128): v128 {
  return rotl4(v128.xor(v128.xor(between(g2, g1), g4), v128.xor(g7, g8)), 2);
}
// @ts-ignore: decorator
@inline function keep(g: usize, w: v128): void {
  v128.store(schedule + (g << 4), i32x4.add(w, i32x4.splat(g < 5 ? K0 : g < 10 ? K1 : g < 15 ? K2 : K3)));
}

function expand(block: usize): void {
  const w0 = swap(v128.load(block, 0)); keep(0, w0);
  const w1 = swap(v128.load(block, 16)); keep(1, w1);
  const w2 = swap(v128.load(block, 32)); keep(2, w2);
  const w3 = swap(v128.load(block, 48)); keep(3, w3);
  const w4 = early(w0, w1, w2, w3); keep(4, w4);
  const w5 = early(w1, w2, w3, w4); keep(5, w5);
  const w6 = early(w2, w3, w4, w5); keep(6, w6);
  const w7 = early(w3, w4, w5, w6); keep(7, w7);
  const w8 = late(w0, w1, w4, w6, w7); keep(8, w8);
  const w9 = late(w1, w2, w5, w7, w8); keep(9, w9);
  const w10 = late(w2, w3, w6, w8, w9); keep(10, w10);
  const w11 = late(w3, w4, w7, w9, w10); keep(11, w11);
  const w12 = late(w4, w5, w8, w10, w11); keep(12, w12);
  const w13 = late(w5, w6, w9, w11, w12); keep(13, w13);
  const w14 = late(w6, w7, w10, w12, w13); keep(14, w14);
  const w15 = late(w7, w8, w11, w13, w14); keep(15, w15);
  const w16 = late(w8, w9, w12, w14, w15); keep(16, w16);
  const w17 = late(w9, w10, w13, w15, w16); keep(17, w17);
  const w18 = late(w10, w11, w14, w16, w17); keep(18, w18);
  const w19 = late(w11, w12, w15, w17, w18); keep(19, w19);
}

/**
 * Compresses `count` whole blocks at `data` into `state` (clause 6.1.2). The working variables
 * take turns instead of moving: five rounds bring them back to their places.
 */
export function sha1Blocks(state: usize, data: usize, count: usize): void {
  let h0 = load<u32>(state, 0), h1 = load<u32>(state, 4), h2 = load<u32>(state, 8);
  let h3 = load<u32>(state, 12), h4 = load<u32>(state, 16);
  for (let i: usize = 0; i < count; i++) {
    expand(data + (i << 6));
    let a = h0, b = h1, c = h2, d = h3, e = h4;
    let w = schedule;
    for (const end = schedule + 20 * 4; w < end; w += 20) {
      e = round(a, ch(b, c, d), e, load<u32>(w, 0)); b = rotl<u32>(b, 30);
      d = round(e, ch(a, b, c), d, load<u32>(w, 4)); a = rotl<u32>(a, 30);
      c = round(d, ch(e, a, b), c, load<u32>(w, 8)); e = rotl<u32>(e, 30);
      b = round(c, ch(d, e, a), b, load<u32>(w, 12)); d = rotl<u32>(d, 30);
      a = round(b, ch(c, d, e), a, load<u32>(w, 16)); c = rotl<u32>(c, 30);
    }
    for (const end = schedule + 40 * 4; w < end; w += 20) {
      e = round(a, parity(b, c, d), e, load<u32>(w, 0)); b = rotl<u32>(b, 30);
      d = round(e, parity(a, b, c), d, load<u32>(w, 4)); a = rotl<u32>(a, 30);
      c = round(d, parity(e, a, b), c, load<u32>(w, 8)); e = rotl<u32>(e, 30);
      b = round(c, parity(d, e, a), b, load<u32>(w, 12)); d = rotl<u32>(d, 30);
      a = round(b, parity(c, d, e), a, load<u32>(w, 16)); c = rotl<u32>(c, 30);
    }
    for (const end = schedule + 60 * 4; w < end; w += 20) {
      e = round(a, maj(b, c, d), e, load<u32>(w, 0)); b = rotl<u32>(b, 30);
      d = round(e, maj(a, b, c), d, load<u32>(w, 4)); a = rotl<u32>(a, 30);
      c = round(d, maj(e, a, b), c, load<u32>(w, 8)); e = rotl<u32>(e, 30);
      b = round(c, maj(d, e, a), b, load<u32>(w, 12)); d = rotl<u32>(d, 30);
      a = round(b, maj(c, d, e), a, load<u32>(w, 16)); c = rotl<u32>(c, 30);
    }
    for (const end = schedule + 80 * 4; w < end; w += 20) {
      e = round(a, parity(b, c, d), e, load<u32>(w, 0)); b = rotl<u32>(b, 30);
      d = round(e, parity(a, b, c), d, load<u32>(w, 4)); a = rotl<u32>(a, 30);
      c = round(d, parity(e, a, b), c, load<u32>(w, 8)); e = rotl<u32>(e, 30);
      b = round(c, parity(d, e, a), b, load<u32>(w, 12)); d = rotl<u32>(d, 30);
      a = round(b, parity(c, d, e), a, load<u32>(w, 16)); c = rotl<u32>(c, 30);
    }
    h0 += a; h1 += b; h2 += c; h3 += d; h4 += e;
  }
  store<u32>(state, h0, 0); store<u32>(state, h1, 4); store<u32>(state, h2, 8);
  store<u32>(state, h3, 12); store<u32>(state, h4, 16);
}

/**
 * Finishes a message whose whole blocks are already in `state`: its last `tailLength` (< 64)
 * bytes at `tail`, `totalBytes` long in all. Writes the first `outLength` bytes of the digest.
 */
export function sha1Finish(state: usize, tail: usize, tailLength: usize, totalBytes: u64, out: usize, outLength: usize): void {
  sha1Blocks(state, finalBlocks, padTail(tail, tailLength, totalBytes, true));
  writeDigest(state, true, out, outLength);
}

// The same rounds on eight lanes, two groups of four (lanes.ts): the lowercase working variables
// are group 0's, the uppercase ones group 1's. f_t as bit selections: Ch picks y where x is set,
// else z; Maj picks y where x and z differ, else x.
// @ts-ignore: decorator
@inline function ch4(x: v128, y: v128, z: v128): v128 { return v128.bitselect(y, z, x); }
// @ts-ignore: decorator
@inline function parity4(x: v128, y: v128, z: v128): v128 { return v128.xor(v128.xor(x, y), z); }
// @ts-ignore: decorator
@inline function maj4(x: v128, y: v128, z: v128): v128 { return v128.bitselect(y, x, v128.xor(x, z)); }
// @ts-ignore: decorator
@inline function round4(a: v128, f: v128, e: v128, w: v128, k: v128): v128 {
  return i32x4.add(i32x4.add(i32x4.add(e, i32x4.add(w, k)), f), rotl4(a, 5));
}

/** Eight message schedules, word-major: W_t of lane k at 32 t + 4 k. */
const schedule8 = memory.data(80 * 32, 16);

/**
 * Compresses one block per lane into the eight states at `state8` (word-major, see lanes.ts):
 * lane k's block is at the address `blocks[k]` (8 x u32). A lane with nothing to do may point at
 * any readable 64 bytes; its state is then garbage.
 */
export function sha1Compress8(state8: usize, blocks: usize): void {
  loadLanes(blocks, schedule8, true);
  for (let at = schedule8 + 16 * 32, end = schedule8 + 80 * 32; at < end; at += 16) {
    const x = v128.xor(v128.xor(v128.load(at - 3 * 32), v128.load(at - 8 * 32)), v128.xor(v128.load(at - 14 * 32), v128.load(at - 16 * 32)));
    v128.store(at, rotl4(x, 1));
  }
  let a = v128.load(state8, 0), b = v128.load(state8, 32), c = v128.load(state8, 64), d = v128.load(state8, 96), e = v128.load(state8, 128);
  let A = v128.load(state8, 16), B = v128.load(state8, 48), C = v128.load(state8, 80), D = v128.load(state8, 112), E = v128.load(state8, 144);
  let w = schedule8;
  let k = i32x4.splat(K0);
  for (const end = schedule8 + 20 * 32; w < end; w += 160) {
    e = round4(a, ch4(b, c, d), e, v128.load(w, 0), k); b = rotl4(b, 30);
    E = round4(A, ch4(B, C, D), E, v128.load(w, 16), k); B = rotl4(B, 30);
    d = round4(e, ch4(a, b, c), d, v128.load(w, 32), k); a = rotl4(a, 30);
    D = round4(E, ch4(A, B, C), D, v128.load(w, 48), k); A = rotl4(A, 30);
    c = round4(d, ch4(e, a, b), c, v128.load(w, 64), k); e = rotl4(e, 30);
    C = round4(D, ch4(E, A, B), C, v128.load(w, 80), k); E = rotl4(E, 30);
    b = round4(c, ch4(d, e, a), b, v128.load(w, 96), k); d = rotl4(d, 30);
    B = round4(C, ch4(D, E, A), B, v128.load(w, 112), k); D = rotl4(D, 30);
    a = round4(b, ch4(c, d, e), a, v128.load(w, 128), k); c = rotl4(c, 30);
    A = round4(B, ch4(C, D, E), A, v128.load(w, 144), k); C = rotl4(C, 30);
  }
  k = i32x4.splat(K1);
  for (const end = schedule8 + 40 * 32; w < end; w += 160) {
    e = round4(a, parity4(b, c, d), e, v128.load(w, 0), k); b = rotl4(b, 30);
    E = round4(A, parity4(B, C, D), E, v128.load(w, 16), k); B = rotl4(B, 30);
    d = round4(e, parity4(a, b, c), d, v128.load(w, 32), k); a = rotl4(a, 30);
    D = round4(E, parity4(A, B, C), D, v128.load(w, 48), k); A = rotl4(A, 30);
    c = round4(d, parity4(e, a, b), c, v128.load(w, 64), k); e = rotl4(e, 30);
    C = round4(D, parity4(E, A, B), C, v128.load(w, 80), k); E = rotl4(E, 30);
    b = round4(c, parity4(d, e, a), b, v128.load(w, 96), k); d = rotl4(d, 30);
    B = round4(C, parity4(D, E, A), B, v128.load(w, 112), k); D = rotl4(D, 30);
    a = round4(b, parity4(c, d, e), a, v128.load(w, 128), k); c = rotl4(c, 30);
    A = round4(B, parity4(C, D, E), A, v128.load(w, 144), k); C = rotl4(C, 30);
  }
  k = i32x4.splat(K2);
  for (const end = schedule8 + 60 * 32; w < end; w += 160) {
    e = round4(a, maj4(b, c, d), e, v128.load(w, 0), k); b = rotl4(b, 30);
    E = round4(A, maj4(B, C, D), E, v128.load(w, 16), k); B = rotl4(B, 30);
    d = round4(e, maj4(a, b, c), d, v128.load(w, 32), k); a = rotl4(a, 30);
    D = round4(E, maj4(A, B, C), D, v128.load(w, 48), k); A = rotl4(A, 30);
    c = round4(d, maj4(e, a, b), c, v128.load(w, 64), k); e = rotl4(e, 30);
    C = round4(D, maj4(E, A, B), C, v128.load(w, 80), k); E = rotl4(E, 30);
    b = round4(c, maj4(d, e, a), b, v128.load(w, 96), k); d = rotl4(d, 30);
    B = round4(C, maj4(D, E, A), B, v128.load(w, 112), k); D = rotl4(D, 30);
    a = round4(b, maj4(c, d, e), a, v128.load(w, 128), k); c = rotl4(c, 30);
    A = round4(B, maj4(C, D, E), A, v128.load(w, 144), k); C = rotl4(C, 30);
  }
  k = i32x4.splat(K3);
  for (const end = schedule8 + 80 * 32; w < end; w += 160) {
    e = round4(a, parity4(b, c, d), e, v128.load(w, 0), k); b = rotl4(b, 30);
    E = round4(A, parity4(B, C, D), E, v128.load(w, 16), k); B = rotl4(B, 30);
    d = round4(e, parity4(a, b, c), d, v128.load(w, 32), k); a = rotl4(a, 30);
    D = round4(E, parity4(A, B, C), D, v128.load(w, 48), k); A = rotl4(A, 30);
    c = round4(d, parity4(e, a, b), c, v128.load(w, 64), k); e = rotl4(e, 30);
    C = round4(D, parity4(E, A, B), C, v128.load(w, 80), k); E = rotl4(E, 30);
    b = round4(c, parity4(d, e, a), b, v128.load(w, 96), k); d = rotl4(d, 30);
    B = round4(C, parity4(D, E, A), B, v128.load(w, 112), k); D = rotl4(D, 30);
    a = round4(b, parity4(c, d, e), a, v128.load(w, 128), k); c = rotl4(c, 30);
    A = round4(B, parity4(C, D, E), A, v128.load(w, 144), k); C = rotl4(C, 30);
  }
  v128.store(state8, i32x4.add(v128.load(state8, 0), a), 0);
  v128.store(state8, i32x4.add(v128.load(state8, 16), A), 16);
  v128.store(state8, i32x4.add(v128.load(state8, 32), b), 32);
  v128.store(state8, i32x4.add(v128.load(state8, 48), B), 48);
  v128.store(state8, i32x4.add(v128.load(state8, 64), c), 64);
  v128.store(state8, i32x4.add(v128.load(state8, 80), C), 80);
  v128.store(state8, i32x4.add(v128.load(state8, 96), d), 96);
  v128.store(state8, i32x4.add(v128.load(state8, 112), D), 112);
  v128.store(state8, i32x4.add(v128.load(state8, 128), e), 128);
  v128.store(state8, i32x4.add(v128.load(state8, 144), E), 144);
}

/** Zeroes the message schedule of sha1Blocks. */
export function sha1Wipe(): void {
  zero16(schedule, 80 * 4);
}

/** Zeroes the message schedules of sha1Compress8. */
export function sha1Wipe8(): void {
  zero16(schedule8, 80 * 32);
}
