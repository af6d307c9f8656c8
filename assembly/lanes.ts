// Shared by the multi-buffer hashes (sha1.ts, md5.ts, sha256.ts): eight independent messages ride
// in the 32-bit lanes of two v128 "groups" (lanes 0-3 and lanes 4-7), one message per lane. The
// two groups' rounds are interleaved in the code, so that the processor overlaps their dependency
// chains (about 1.4 times the throughput of one group at a time). "Word-major" memory keeps, for
// each 32-bit word t of a block or state, the two groups' vectors side by side:
//   word t of lane k  at  32 t + 4 k.

export const LANES = 8;

// @ts-ignore: decorator
@inline export function rotl4(x: v128, n: i32): v128 {
  return v128.or(i32x4.shl(x, n), i32x4.shr_u(x, 32 - n));
}

// @ts-ignore: decorator
@inline export function rotr4(x: v128, n: i32): v128 {
  return v128.or(i32x4.shr_u(x, n), i32x4.shl(x, 32 - n));
}

/** Reverses the bytes of each 32-bit lane: the big-endian words of SHA-1 and SHA-256. */
// @ts-ignore: decorator
@inline function swapWords(x: v128): v128 {
  return i8x16.shuffle(x, x, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
}

/**
 * Writes four 64-byte blocks (one group) word-major: word t at dst + 32 t. Big-endian words if
 * `bigEndian` (SHA), little-endian (MD5) otherwise. Each 16-byte row, four words of one block, is
 * a 4 x 4 transpose away from four word-major vectors.
 */
// @ts-ignore: decorator
@inline function loadGroup(b0: usize, b1: usize, b2: usize, b3: usize, dst: usize, bigEndian: bool): void {
  for (let row: usize = 0; row < 64; row += 16) {
    let r0 = v128.load(b0 + row), r1 = v128.load(b1 + row), r2 = v128.load(b2 + row), r3 = v128.load(b3 + row);
    if (bigEndian) {
      r0 = swapWords(r0); r1 = swapWords(r1); r2 = swapWords(r2); r3 = swapWords(r3);
    }
    const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5), t1 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
    const t2 = i32x4.shuffle(r2, r3, 0, 4, 1, 5), t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
    const at = dst + (row << 3);
    v128.store(at, i64x2.shuffle(t0, t2, 0, 2), 0);
    v128.store(at, i64x2.shuffle(t0, t2, 1, 3), 32);
    v128.store(at, i64x2.shuffle(t1, t3, 0, 2), 64);
    v128.store(at, i64x2.shuffle(t1, t3, 1, 3), 96);
  }
}

/** Writes the eight lanes' blocks (their addresses: 8 x u32 at `blocks`) word-major to `dst`. */
// @ts-ignore: decorator
@inline export function loadLanes(blocks: usize, dst: usize, bigEndian: bool): void {
  loadGroup(load<u32>(blocks, 0), load<u32>(blocks, 4), load<u32>(blocks, 8), load<u32>(blocks, 12), dst, bigEndian);
  loadGroup(load<u32>(blocks, 16), load<u32>(blocks, 20), load<u32>(blocks, 24), load<u32>(blocks, 28), dst + 16, bigEndian);
}
