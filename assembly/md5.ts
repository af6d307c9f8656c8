// MD5 (RFC 1321 clause 3): the compression function over whole 64-byte blocks, for one message
// (scalar) or for eight messages at once in the 32-bit lanes of two v128 (multi-buffer), and the
// finish with padding (clauses 3.1 to 3.5). MD5 is broken for collision resistance; it is here for
// HMAC-MD5-96 (RFC 2403), whose security rests on other properties (RFC 6151 clause 2.3).
//
// Memory formats:
//   state   4 x u32, A B C D (native little-endian words, as MD5 itself).
//   state8  4 x 32 bytes: word j of lane k at 32 j + 4 k (see lanes.ts).

import { loadLanes } from "./lanes";
import { finalBlocks, padTail, writeDigest } from "./padding";
import { zero16 } from "./blocks";

export const MD5_DIGEST_SIZE: usize = 16;

/** Sets `state` to the initial buffer A, B, C, D (clause 3.3). */
export function md5Init(state: usize): void {
  store<u32>(state, 0x67452301, 0);
  store<u32>(state, 0xefcdab89, 4);
  store<u32>(state, 0x98badcfe, 8);
  store<u32>(state, 0x10325476, 12);
}

// The auxiliary functions F, G, H, I of clause 3.4, in forms with fewer operations, and the step
// a = b + ((a + f(b, c, d) + X[k] + T[i]) <<< s) of each round, with T[i] = 4294967296 abs(sin(i)).
// b, just computed, enters last so that the dependency chain from step to step stays short.
// @ts-ignore: decorator
@inline function ff(a: u32, b: u32, c: u32, d: u32, x: u32, s: u32, t: u32): u32 {
  return rotl<u32>((a + x + t) + (d ^ (b & (c ^ d))), s) + b;
}
// @ts-ignore: decorator
@inline function gg(a: u32, b: u32, c: u32, d: u32, x: u32, s: u32, t: u32): u32 {
  return rotl<u32>((a + x + t) + (c & ~d) + (b & d), s) + b; // (b & d) | (c & ~d): disjoint bits add
}
// @ts-ignore: decorator
@inline function hh(a: u32, b: u32, c: u32, d: u32, x: u32, s: u32, t: u32): u32 {
  return rotl<u32>((a + x + t) + (b ^ c ^ d), s) + b;
}
// @ts-ignore: decorator
@inline function ii(a: u32, b: u32, c: u32, d: u32, x: u32, s: u32, t: u32): u32 {
  return rotl<u32>((a + x + t) + (c ^ (b | ~d)), s) + b;
}

/** Compresses `count` whole blocks at `data` into `state`: the four rounds of clause 3.4. */
export function md5Blocks(state: usize, data: usize, count: usize): void {
  let a0 = load<u32>(state, 0), b0 = load<u32>(state, 4), c0 = load<u32>(state, 8), d0 = load<u32>(state, 12);
  for (let block = data, end = data + (count << 6); block < end; block += 64) {
    const m0 = load<u32>(block, 0), m1 = load<u32>(block, 4), m2 = load<u32>(block, 8), m3 = load<u32>(block, 12);
    const m4 = load<u32>(block, 16), m5 = load<u32>(block, 20), m6 = load<u32>(block, 24), m7 = load<u32>(block, 28);
    const m8 = load<u32>(block, 32), m9 = load<u32>(block, 36), m10 = load<u32>(block, 40), m11 = load<u32>(block, 44);
    const m12 = load<u32>(block, 48), m13 = load<u32>(block, 52), m14 = load<u32>(block, 56), m15 = load<u32>(block, 60);
    let a = a0, b = b0, c = c0, d = d0;
    a = ff(a, b, c, d, m0, 7, 0xd76aa478); d = ff(d, a, b, c, m1, 12, 0xe8c7b756);
    c = ff(c, d, a, b, m2, 17, 0x242070db); b = ff(b, c, d, a, m3, 22, 0xc1bdceee);
    a = ff(a, b, c, d, m4, 7, 0xf57c0faf); d = ff(d, a, b, c, m5, 12, 0x4787c62a);
    c = ff(c, d, a, b, m6, 17, 0xa8304613); b = ff(b, c, d, a, m7, 22, 0xfd469501);
    a = ff(a, b, c, d, m8, 7, 0x698098d8); d = ff(d, a, b, c, m9, 12, 0x8b44f7af);
    c = ff(c, d, a, b, m10, 17, 0xffff5bb1); b = ff(b, c, d, a, m11, 22, 0x895cd7be);
    a = ff(a, b, c, d, m12, 7, 0x6b901122); d = ff(d, a, b, c, m13, 12, 0xfd987193);
    c = ff(c, d, a, b, m14, 17, 0xa679438e); b = ff(b, c, d, a, m15, 22, 0x49b40821);

    a = gg(a, b, c, d, m1, 5, 0xf61e2562); d = gg(d, a, b, c, m6, 9, 0xc040b340);
    c = gg(c, d, a, b, m11, 14, 0x265e5a51); b = gg(b, c, d, a, m0, 20, 0xe9b6c7aa);
    a = gg(a, b, c, d, m5, 5, 0xd62f105d); d = gg(d, a, b, c, m10, 9, 0x02441453);
    c = gg(c, d, a, b, m15, 14, 0xd8a1e681); b = gg(b, c, d, a, m4, 20, 0xe7d3fbc8);
    a = gg(a, b, c, d, m9, 5, 0x21e1cde6); d = gg(d, a, b, c, m14, 9, 0xc33707d6);
    c = gg(c, d, a, b, m3, 14, 0xf4d50d87); b = gg(b, c, d, a, m8, 20, 0x455a14ed);
    a = gg(a, b, c, d, m13, 5, 0xa9e3e905); d = gg(d, a, b, c, m2, 9, 0xfcefa3f8);
    c = gg(c, d, a, b, m7, 14, 0x676f02d9); b = gg(b, c, d, a, m12, 20, 0x8d2a4c8a);

    a = hh(a, b, c, d, m5, 4, 0xfffa3942); d = hh(d, a, b, c, m8, 11, 0x8771f681);
    c = hh(c, d, a, b, m11, 16, 0x6d9d6122); b = hh(b, c, d, a, m14, 23, 0xfde5380c);
    a = hh(a, b, c, d, m1, 4, 0xa4beea44); d = hh(d, a, b, c, m4, 11, 0x4bdecfa9);
    c = hh(c, d, a, b, m7, 16, 0xf6bb4b60); b = hh(b, c, d, a, m10, 23, 0xbebfbc70);
    a = hh(a, b, c, d, m13, 4, 0x289b7ec6); d = hh(d, a, b, c, m0, 11, 0xeaa127fa);
    c = hh(c, d, a, b, m3, 16, 0xd4ef3085); b = hh(b, c, d, a, m6, 23, 0x04881d05);
    a = hh(a, b, c, d, m9, 4, 0xd9d4d039); d = hh(d, a, b, c, m12, 11, 0xe6db99e5);
    c = hh(c, d, a, b, m15, 16, 0x1fa27cf8); b = hh(b, c, d, a, m2, 23, 0xc4ac5665);

    a = ii(a, b, c, d, m0, 6, 0xf4292244); d = ii(d, a, b, c, m7, 10, 0x432aff97);
    c = ii(c, d, a, b, m14, 15, 0xab9423a7); b = ii(b, c, d, a, m5, 21, 0xfc93a039);
    a = ii(a, b, c, d, m12, 6, 0x655b59c3); d = ii(d, a, b, c, m3, 10, 0x8f0ccc92);
    c = ii(c, d, a, b, m10, 15, 0xffeff47d); b = ii(b, c, d, a, m1, 21, 0x85845dd1);
    a = ii(a, b, c, d, m8, 6, 0x6fa87e4f); d = ii(d, a, b, c, m15, 10, 0xfe2ce6e0);
    c = ii(c, d, a, b, m6, 15, 0xa3014314); b = ii(b, c, d, a, m13, 21, 0x4e0811a1);
    a = ii(a, b, c, d, m4, 6, 0xf7537e82); d = ii(d, a, b, c, m11, 10, 0xbd3af235);
    c = ii(c, d, a, b, m2, 15, 0x2ad7d2bb); b = ii(b, c, d, a, m9, 21, 0xeb86d391);
    a0 += a; b0 += b; c0 += c; d0 += d;
  }
  store<u32>(state, a0, 0); store<u32>(state, b0, 4); store<u32>(state, c0, 8); store<u32>(state, d0, 12);
}

/**
 * Finishes a message whose whole blocks are already in `state`: its last `tailLength` (< 64)
 * bytes at `tail`, `totalBytes` long in all. Writes the first `outLength` bytes of the digest.
 */
export function md5Finish(state: usize, tail: usize, tailLength: usize, totalBytes: u64, out: usize, outLength: usize): void {
  md5Blocks(state, finalBlocks, padTail(tail, tailLength, totalBytes, false));
  writeDigest(state, false, out, outLength);
}

// The same steps on eight lanes, two groups of four (lanes.ts): the lowercase variables are
// group 0's, the uppercase ones group 1's. F and G are bit selections.
// @ts-ignore: decorator
@inline function step4(a: v128, b: v128, f: v128, x: v128, s: i32, t: u32): v128 {
  const sum = i32x4.add(i32x4.add(a, i32x4.add(x, i32x4.splat(t))), f);
  return i32x4.add(v128.or(i32x4.shl(sum, s), i32x4.shr_u(sum, 32 - s)), b);
}
// @ts-ignore: decorator
@inline function ff4(a: v128, b: v128, c: v128, d: v128, x: v128, s: i32, t: u32): v128 {
  return step4(a, b, v128.bitselect(c, d, b), x, s, t);
}
// @ts-ignore: decorator
@inline function gg4(a: v128, b: v128, c: v128, d: v128, x: v128, s: i32, t: u32): v128 {
  return step4(a, b, v128.bitselect(b, c, d), x, s, t);
}
// @ts-ignore: decorator
@inline function hh4(a: v128, b: v128, c: v128, d: v128, x: v128, s: i32, t: u32): v128 {
  return step4(a, b, v128.xor(v128.xor(b, c), d), x, s, t);
}
// @ts-ignore: decorator
@inline function ii4(a: v128, b: v128, c: v128, d: v128, x: v128, s: i32, t: u32): v128 {
  return step4(a, b, v128.xor(c, v128.or(b, v128.not(d))), x, s, t);
}

/** The eight lanes' blocks, word-major: X[k] of lane j at 32 k + 4 j. */
const words8 = memory.data(16 * 32, 16);
// @ts-ignore: decorator
@inline function x(k: usize): v128 { return v128.load(words8 + (k << 5)); }
// @ts-ignore: decorator
@inline function X(k: usize): v128 { return v128.load(words8 + (k << 5) + 16); }

/**
 * Compresses one block per lane into the eight states at `state8` (word-major, see lanes.ts):
 * lane k's block is at the address `blocks[k]` (8 x u32). A lane with nothing to do may point at
 * any readable 64 bytes; its state is then garbage.
 */
export function md5Compress8(state8: usize, blocks: usize): void {
  loadLanes(blocks, words8, false);
  let a = v128.load(state8, 0), b = v128.load(state8, 32), c = v128.load(state8, 64), d = v128.load(state8, 96);
  let A = v128.load(state8, 16), B = v128.load(state8, 48), C = v128.load(state8, 80), D = v128.load(state8, 112);
  a = ff4(a, b, c, d, x(0), 7, 0xd76aa478); A = ff4(A, B, C, D, X(0), 7, 0xd76aa478);
  d = ff4(d, a, b, c, x(1), 12, 0xe8c7b756); D = ff4(D, A, B, C, X(1), 12, 0xe8c7b756);
  c = ff4(c, d, a, b, x(2), 17, 0x242070db); C = ff4(C, D, A, B, X(2), 17, 0x242070db);
  b = ff4(b, c, d, a, x(3), 22, 0xc1bdceee); B = ff4(B, C, D, A, X(3), 22, 0xc1bdceee);
  a = ff4(a, b, c, d, x(4), 7, 0xf57c0faf); A = ff4(A, B, C, D, X(4), 7, 0xf57c0faf);
  d = ff4(d, a, b, c, x(5), 12, 0x4787c62a); D = ff4(D, A, B, C, X(5), 12, 0x4787c62a);
  c = ff4(c, d, a, b, x(6), 17, 0xa8304613); C = ff4(C, D, A, B, X(6), 17, 0xa8304613);
  b = ff4(b, c, d, a, x(7), 22, 0xfd469501); B = ff4(B, C, D, A, X(7), 22, 0xfd469501);
  a = ff4(a, b, c, d, x(8), 7, 0x698098d8); A = ff4(A, B, C, D, X(8), 7, 0x698098d8);
  d = ff4(d, a, b, c, x(9), 12, 0x8b44f7af); D = ff4(D, A, B, C, X(9), 12, 0x8b44f7af);
  c = ff4(c, d, a, b, x(10), 17, 0xffff5bb1); C = ff4(C, D, A, B, X(10), 17, 0xffff5bb1);
  b = ff4(b, c, d, a, x(11), 22, 0x895cd7be); B = ff4(B, C, D, A, X(11), 22, 0x895cd7be);
  a = ff4(a, b, c, d, x(12), 7, 0x6b901122); A = ff4(A, B, C, D, X(12), 7, 0x6b901122);
  d = ff4(d, a, b, c, x(13), 12, 0xfd987193); D = ff4(D, A, B, C, X(13), 12, 0xfd987193);
  c = ff4(c, d, a, b, x(14), 17, 0xa679438e); C = ff4(C, D, A, B, X(14), 17, 0xa679438e);
  b = ff4(b, c, d, a, x(15), 22, 0x49b40821); B = ff4(B, C, D, A, X(15), 22, 0x49b40821);

  a = gg4(a, b, c, d, x(1), 5, 0xf61e2562); A = gg4(A, B, C, D, X(1), 5, 0xf61e2562);
  d = gg4(d, a, b, c, x(6), 9, 0xc040b340); D = gg4(D, A, B, C, X(6), 9, 0xc040b340);
  c = gg4(c, d, a, b, x(11), 14, 0x265e5a51); C = gg4(C, D, A, B, X(11), 14, 0x265e5a51);
  b = gg4(b, c, d, a, x(0), 20, 0xe9b6c7aa); B = gg4(B, C, D, A, X(0), 20, 0xe9b6c7aa);
  a = gg4(a, b, c, d, x(5), 5, 0xd62f105d); A = gg4(A, B, C, D, X(5), 5, 0xd62f105d);
  d = gg4(d, a, b, c, x(10), 9, 0x02441453); D = gg4(D, A, B, C, X(10), 9, 0x02441453);
  c = gg4(c, d, a, b, x(15), 14, 0xd8a1e681); C = gg4(C, D, A, B, X(15), 14, 0xd8a1e681);
  b = gg4(b, c, d, a, x(4), 20, 0xe7d3fbc8); B = gg4(B, C, D, A, X(4), 20, 0xe7d3fbc8);
  a = gg4(a, b, c, d, x(9), 5, 0x21e1cde6); A = gg4(A, B, C, D, X(9), 5, 0x21e1cde6);
  d = gg4(d, a, b, c, x(14), 9, 0xc33707d6); D = gg4(D, A, B, C, X(14), 9, 0xc33707d6);
  c = gg4(c, d, a, b, x(3), 14, 0xf4d50d87); C = gg4(C, D, A, B, X(3), 14, 0xf4d50d87);
  b = gg4(b, c, d, a, x(8), 20, 0x455a14ed); B = gg4(B, C, D, A, X(8), 20, 0x455a14ed);
  a = gg4(a, b, c, d, x(13), 5, 0xa9e3e905); A = gg4(A, B, C, D, X(13), 5, 0xa9e3e905);
  d = gg4(d, a, b, c, x(2), 9, 0xfcefa3f8); D = gg4(D, A, B, C, X(2), 9, 0xfcefa3f8);
  c = gg4(c, d, a, b, x(7), 14, 0x676f02d9); C = gg4(C, D, A, B, X(7), 14, 0x676f02d9);
  b = gg4(b, c, d, a, x(12), 20, 0x8d2a4c8a); B = gg4(B, C, D, A, X(12), 20, 0x8d2a4c8a);

  a = hh4(a, b, c, d, x(5), 4, 0xfffa3942); A = hh4(A, B, C, D, X(5), 4, 0xfffa3942);
  d = hh4(d, a, b, c, x(8), 11, 0x8771f681); D = hh4(D, A, B, C, X(8), 11, 0x8771f681);
  c = hh4(c, d, a, b, x(11), 16, 0x6d9d6122); C = hh4(C, D, A, B, X(11), 16, 0x6d9d6122);
  b = hh4(b, c, d, a, x(14), 23, 0xfde5380c); B = hh4(B, C, D, A, X(14), 23, 0xfde5380c);
  a = hh4(a, b, c, d, x(1), 4, 0xa4beea44); A = hh4(A, B, C, D, X(1), 4, 0xa4beea44);
  d = hh4(d, a, b, c, x(4), 11, 0x4bdecfa9); D = hh4(D, A, B, C, X(4), 11, 0x4bdecfa9);
  c = hh4(c, d, a, b, x(7), 16, 0xf6bb4b60); C = hh4(C, D, A, B, X(7), 16, 0xf6bb4b60);
  b = hh4(b, c, d, a, x(10), 23, 0xbebfbc70); B = hh4(B, C, D, A, X(10), 23, 0xbebfbc70);
  a = hh4(a, b, c, d, x(13), 4, 0x289b7ec6); A = hh4(A, B, C, D, X(13), 4, 0x289b7ec6);
  d = hh4(d, a, b, c, x(0), 11, 0xeaa127fa); D = hh4(D, A, B, C, X(0), 11, 0xeaa127fa);
  c = hh4(c, d, a, b, x(3), 16, 0xd4ef3085); C = hh4(C, D, A, B, X(3), 16, 0xd4ef3085);
  b = hh4(b, c, d, a, x(6), 23, 0x04881d05); B = hh4(B, C, D, A, X(6), 23, 0x04881d05);
  a = hh4(a, b, c, d, x(9), 4, 0xd9d4d039); A = hh4(A, B, C, D, X(9), 4, 0xd9d4d039);
  d = hh4(d, a, b, c, x(12), 11, 0xe6db99e5); D = hh4(D, A, B, C, X(12), 11, 0xe6db99e5);
  c = hh4(c, d, a, b, x(15), 16, 0x1fa27cf8); C = hh4(C, D, A, B, X(15), 16, 0x1fa27cf8);
  b = hh4(b, c, d, a, x(2), 23, 0xc4ac5665); B = hh4(B, C, D, A, X(2), 23, 0xc4ac5665);

  a = ii4(a, b, c, d, x(0), 6, 0xf4292244); A = ii4(A, B, C, D, X(0), 6, 0xf4292244);
  d = ii4(d, a, b, c, x(7), 10, 0x432aff97); D = ii4(D, A, B, C, X(7), 10, 0x432aff97);
  c = ii4(c, d, a, b, x(14), 15, 0xab9423a7); C = ii4(C, D, A, B, X(14), 15, 0xab9423a7);
  b = ii4(b, c, d, a, x(5), 21, 0xfc93a039); B = ii4(B, C, D, A, X(5), 21, 0xfc93a039);
  a = ii4(a, b, c, d, x(12), 6, 0x655b59c3); A = ii4(A, B, C, D, X(12), 6, 0x655b59c3);
  d = ii4(d, a, b, c, x(3), 10, 0x8f0ccc92); D = ii4(D, A, B, C, X(3), 10, 0x8f0ccc92);
  c = ii4(c, d, a, b, x(10), 15, 0xffeff47d); C = ii4(C, D, A, B, X(10), 15, 0xffeff47d);
  b = ii4(b, c, d, a, x(1), 21, 0x85845dd1); B = ii4(B, C, D, A, X(1), 21, 0x85845dd1);
  a = ii4(a, b, c, d, x(8), 6, 0x6fa87e4f); A = ii4(A, B, C, D, X(8), 6, 0x6fa87e4f);
  d = ii4(d, a, b, c, x(15), 10, 0xfe2ce6e0); D = ii4(D, A, B, C, X(15), 10, 0xfe2ce6e0);
  c = ii4(c, d, a, b, x(6), 15, 0xa3014314); C = ii4(C, D, A, B, X(6), 15, 0xa3014314);
  b = ii4(b, c, d, a, x(13), 21, 0x4e0811a1); B = ii4(B, C, D, A, X(13), 21, 0x4e0811a1);
  a = ii4(a, b, c, d, x(4), 6, 0xf7537e82); A = ii4(A, B, C, D, X(4), 6, 0xf7537e82);
  d = ii4(d, a, b, c, x(11), 10, 0xbd3af235); D = ii4(D, A, B, C, X(11), 10, 0xbd3af235);
  c = ii4(c, d, a, b, x(2), 15, 0x2ad7d2bb); C = ii4(C, D, A, B, X(2), 15, 0x2ad7d2bb);
  b = ii4(b, c, d, a, x(9), 21, 0xeb86d391); B = ii4(B, C, D, A, X(9), 21, 0xeb86d391);
  v128.store(state8, i32x4.add(v128.load(state8, 0), a), 0);
  v128.store(state8, i32x4.add(v128.load(state8, 16), A), 16);
  v128.store(state8, i32x4.add(v128.load(state8, 32), b), 32);
  v128.store(state8, i32x4.add(v128.load(state8, 48), B), 48);
  v128.store(state8, i32x4.add(v128.load(state8, 64), c), 64);
  v128.store(state8, i32x4.add(v128.load(state8, 80), C), 80);
  v128.store(state8, i32x4.add(v128.load(state8, 96), d), 96);
  v128.store(state8, i32x4.add(v128.load(state8, 112), D), 112);
}

/** Zeroes the lanes' block buffer of md5Compress8 (md5Blocks keeps its words in locals). */
export function md5Wipe8(): void {
  zero16(words8, 16 * 32);
}
