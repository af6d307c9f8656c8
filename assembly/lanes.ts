// Shared by the multi-buffer hashes (sha1.ts, md5.ts, sha256.ts): four independent messages ride in
// the four 32-bit lanes of a v128, one message per lane. A "word-major" block holds, for each of the
// 16 words of a 64-byte block, one v128 with that word of the four lanes' blocks:
//   word t of lane k  at  16 t + 4 k.

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
 * Writes the four 64-byte blocks at b0..b3 to `dst` word-major (16 x v128), as big-endian words
 * if `bigEndian` (SHA) or little-endian ones (MD5). Each 16-byte row (four words of one block) is
 * a 4 x 4 transpose away from four word-major vectors.
 */
// @ts-ignore: decorator
@inline export function loadWordMajor(b0: usize, b1: usize, b2: usize, b3: usize, dst: usize, bigEndian: bool): void {
  for (let row: usize = 0; row < 64; row += 16) {
    let r0 = v128.load(b0 + row), r1 = v128.load(b1 + row), r2 = v128.load(b2 + row), r3 = v128.load(b3 + row);
    if (bigEndian) {
      r0 = swapWords(r0); r1 = swapWords(r1); r2 = swapWords(r2); r3 = swapWords(r3);
    }
    const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5), t1 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
    const t2 = i32x4.shuffle(r2, r3, 0, 4, 1, 5), t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
    const at = dst + (row << 2);
    v128.store(at, i64x2.shuffle(t0, t2, 0, 2), 0);
    v128.store(at, i64x2.shuffle(t0, t2, 1, 3), 16);
    v128.store(at, i64x2.shuffle(t1, t3, 0, 2), 32);
    v128.store(at, i64x2.shuffle(t1, t3, 1, 3), 48);
  }
}
