// GHASH (NIST SP 800-38D 6.4), multiplication by a fixed hash subkey H in GF(2^128), in constant
// time: no table is indexed by secret data and no branch depends on it.
//
// Why this way: WebAssembly has no carry-less multiply, and the usual 4- or 8-bit tables (Shoup's
// method) are indexed by bits of the data being hashed, which leaks through the cache. Here X * H
// is the XOR, over the 128 bits x_i of X, of x_i * (H * x^i) (SP 800-38D 6.3: the field is linear
// over GF(2)). The 128 products H * x^i, reduction included, are computed once per key; each bit of
// X becomes an all-ones or all-zeros mask that selects its product. Every entry of the table is
// read for every block, whatever X is.
//
// The masks come eight at a time: X as eight 16-bit lanes, shifted left by n and arithmetically
// shifted right by 15, is a mask per lane of the bit at position 15 - n of that lane, which is bit
// 16 l + (n ^ 8) of X in the GCM order (bit 0 = the top bit of byte 0; lanes are little-endian).
// So lane l of mask n selects product number 16 l + (n ^ 8), and the table is laid out to match:
//   entry (n, r), 16 bytes at 16 (8 n + r), n = 0..15, r = 0..7:
//     16-bit lane l = 16-bit piece (l + r) mod 8 of H * x^(16 l + (n ^ 8))
// where piece q of a product is its bytes 2q and 2q + 1. Accumulator r then holds in lane l a part
// of piece (l + r) mod 8 of the result; rotating accumulator r by r lanes lines the pieces up.
// Per block: 16 masks, 128 AND + XOR over the 2 KB table, 7 lane rotations.
//
// Memory formats:
//   H, Y, blocks: 16 bytes each, in the byte order of SP 800-38D.
//   table:        GHASH_TABLE_SIZE bytes per key, from ghashTable().

/** Bytes of the per-key table of ghashTable(): 16 x 8 entries of 16 bytes. */
export const GHASH_TABLE_SIZE: usize = 2048;

const scratch = memory.data(16, 16);

/**
 * Fills `table` for the hash subkey H (16 bytes at `h`): the products H * x^i for i = 0..127,
 * cut into 16-bit pieces as laid out above. Multiplying by x (SP 800-38D 6.3, the inner step of
 * Algorithm 1) shifts the block right by one bit and folds the bit that falls off back with
 * R = 0xe1 || 0^120, here with a mask rather than a branch.
 */
export function ghashTable(h: usize, table: usize): void {
  let high = bswap<u64>(load<u64>(h)), low = bswap<u64>(load<u64>(h, 8));
  for (let i: usize = 0; i < 128; i++) {
    store<u64>(scratch, bswap<u64>(high));
    store<u64>(scratch, bswap<u64>(low), 8);
    const l = i >> 4, n = (i & 15) ^ 8;
    for (let q: usize = 0; q < 8; q++) {
      const r = (q - l) & 7;
      store<u16>(table + (((n << 3) + r) << 4) + (l << 1), load<u16>(scratch + (q << 1)));
    }
    const carry = low & 1;
    low = (low >> 1) | (high << 63);
    high = (high >> 1) ^ ((<u64>0xe1 << 56) & (0 - carry));
  }
  store<u64>(scratch, 0);
  store<u64>(scratch, 0, 8);
}

// Rotates the eight 16-bit lanes of `a` up by R: lane q of the result is lane (q - R) mod 8.
// @ts-ignore: decorator
@inline function rotate1(a: v128): v128 { return i8x16.shuffle(a, a, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13); }
// @ts-ignore: decorator
@inline function rotate2(a: v128): v128 { return i8x16.shuffle(a, a, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11); }
// @ts-ignore: decorator
@inline function rotate3(a: v128): v128 { return i8x16.shuffle(a, a, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9); }
// @ts-ignore: decorator
@inline function rotate4(a: v128): v128 { return i8x16.shuffle(a, a, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7); }
// @ts-ignore: decorator
@inline function rotate5(a: v128): v128 { return i8x16.shuffle(a, a, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5); }
// @ts-ignore: decorator
@inline function rotate6(a: v128): v128 { return i8x16.shuffle(a, a, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3); }
// @ts-ignore: decorator
@inline function rotate7(a: v128): v128 { return i8x16.shuffle(a, a, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1); }

/** X * H (SP 800-38D 6.3) with the table of H. */
// @ts-ignore: decorator
@inline function multiply(x: v128, table: usize): v128 {
  const zero = i64x2.splat(0);
  let a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero;
  let bits = x, entry = table;
  for (let n = 0; n < 16; n++) {
    const mask = i16x8.shr_s(bits, 15);
    a0 = v128.xor(a0, v128.and(mask, v128.load(entry, 0)));
    a1 = v128.xor(a1, v128.and(mask, v128.load(entry, 16)));
    a2 = v128.xor(a2, v128.and(mask, v128.load(entry, 32)));
    a3 = v128.xor(a3, v128.and(mask, v128.load(entry, 48)));
    a4 = v128.xor(a4, v128.and(mask, v128.load(entry, 64)));
    a5 = v128.xor(a5, v128.and(mask, v128.load(entry, 80)));
    a6 = v128.xor(a6, v128.and(mask, v128.load(entry, 96)));
    a7 = v128.xor(a7, v128.and(mask, v128.load(entry, 112)));
    bits = i16x8.shl(bits, 1);
    entry += 128;
  }
  return v128.xor(
    v128.xor(v128.xor(a0, rotate1(a1)), v128.xor(rotate2(a2), rotate3(a3))),
    v128.xor(v128.xor(rotate4(a4), rotate5(a5)), v128.xor(rotate6(a6), rotate7(a7))),
  );
}

/**
 * GHASH (SP 800-38D 6.4, Algorithm 2) continued over `length` bytes at `src`: for each block X_i,
 * Y = (Y ^ X_i) * H, with Y the 16 bytes at `y` (in and out). A final partial block is padded with
 * zero bytes, as GCM pads A and C (SP 800-38D 7.1 step 5).
 */
export function ghashUpdate(table: usize, y: usize, src: usize, length: usize): void {
  let state = v128.load(y);
  const whole = length & ~15;
  for (let at: usize = 0; at < whole; at += 16) state = multiply(v128.xor(state, v128.load(src + at)), table);
  const rest = length - whole;
  if (rest != 0) {
    v128.store(scratch, i64x2.splat(0));
    memory.copy(scratch, src + whole, rest);
    state = multiply(v128.xor(state, v128.load(scratch)), table);
    v128.store(scratch, i64x2.splat(0));
  }
  v128.store(y, state);
}
