// GHASH (NIST SP 800-38D 6.4), multiplication by a fixed hash subkey H in GF(2^128), in constant
// time: no table is indexed by secret data and no branch depends on it.
//
// Why this way: WebAssembly has no carry-less multiply, and the usual 4- or 8-bit tables (Shoup's
// method) are indexed by bits of the data being hashed, which leaks through the cache. The
// carry-less product is built from ordinary integer multiplications instead, "with holes" (the
// idea of BearSSL's ghash_ctmul64): each 64-bit operand is cut into four masks that keep one bit
// in four (bits 0, 4, 8, ..; 1, 5, 9, ..; ..). In the integer product of two such masks every
// column of the low 64 bits sums at most 16 one-bit terms, so its carries land in the three empty
// bits above it (16 itself only in the top column, whose carry leaves the word), and the column's
// own bit is the XOR of its terms. Sixteen such products, masked and combined, are the low 64 bits
// of the carry-less product. The high 64 bits are the low ones of the product of the bit-reversed
// operands, reversed back. Karatsuba makes a 128 x 128 product of three 64 x 64 ones. (This is
// constant time where i64.mul is, as on the x86-64 and AArch64 cores that run JavaScript engines;
// BearSSL's notes list the older CPUs whose multipliers finish early on small operands.)
//
// Bit order: SP 800-38D numbers bit 0 of a block as the top bit of byte 0 and makes it the
// coefficient of x^0 (6.3). Read big-endian, a block is that polynomial with its bits reversed; the
// product of two reversed 128-bit polynomials is their reversed 255-bit product, one shift short of
// the reversed 256-bit one. So everything runs on big-endian words, one shift left after the
// multiply, and the reduction by x^128 + x^7 + x^2 + x + 1 folds the low 128 bits (the high
// powers) into the high ones with right shifts.
//
// Four blocks at a time: Y' = (Y ^ X1) H^4 ^ X2 H^3 ^ X3 H^2 ^ X4 H. The unreduced products are
// added (XOR) before one Karatsuba fix-up, one set of reversals and one reduction.
//
// Memory formats:
//   H, Y, blocks: 16 bytes each, in the byte order of SP 800-38D.
//   table:        GHASH_TABLE_SIZE bytes per key, from ghashTable(): H, H^2, H^3, H^4, each as six
//                 u64 words: h0 (bytes 8..15, big-endian), h1 (bytes 0..7), h0 ^ h1, and the three
//                 bit-reversed; each word as its four masks (word & M0, & M1, & M2, & M3), so the
//                 masks of H are cut once per key.

/** Bytes of one power of H in the table: six u64 words, each as its four masks. */
const POWER_SIZE: usize = 192;

/** Bytes of the per-key table of ghashTable(): H, H^2, H^3, H^4. */
export const GHASH_TABLE_SIZE: usize = 4 * POWER_SIZE;

const scratch = memory.data(16, 16);

// The GHASH state Y, in the byte order of SP 800-38D, between blocks; zeroed after a call.
let state: v128 = i64x2.splat(0);

const M0: u64 = 0x1111111111111111;
const M1: u64 = M0 << 1;
const M2: u64 = M0 << 2;
const M3: u64 = M0 << 3;

/**
 * The low 64 bits of the carry-less product of x and y, by integer multiplication with holes; y
 * is given as its four masks (y & M0, y & M1, y & M2, y & M3), four u64 words at `y`.
 */
// @ts-ignore: decorator
@inline function clmulLow(x: u64, y: usize): u64 {
  const x0 = x & M0, x1 = x & M1, x2 = x & M2, x3 = x & M3;
  const y0 = load<u64>(y), y1 = load<u64>(y, 8), y2 = load<u64>(y, 16), y3 = load<u64>(y, 24);
  // Mask i gathers the terms whose bit positions add up to i modulo 4.
  const z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
  const z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
  const z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
  const z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
  return (z0 & M0) | (z1 & M1) | (z2 & M2) | (z3 & M3);
}

/** The 64 bits of x in reverse order. */
// @ts-ignore: decorator
@inline function reverse64(x: u64): u64 {
  x = ((x >> 1) & 0x5555555555555555) | ((x & 0x5555555555555555) << 1);
  x = ((x >> 2) & 0x3333333333333333) | ((x & 0x3333333333333333) << 2);
  x = ((x >> 4) & 0x0f0f0f0f0f0f0f0f) | ((x & 0x0f0f0f0f0f0f0f0f) << 4);
  return bswap<u64>(x);
}

/**
 * The bits of every byte of v in reverse order: each nibble looked up in a 16-entry table held in
 * a register (a swizzle), so no memory access depends on the data.
 */
// @ts-ignore: decorator
@inline function reverseBitsOfBytes(v: v128): v128 {
  const nibble = i8x16.splat(0x0f);
  const low = v128.and(v, nibble), high = v128.and(i16x8.shr_u(v, 4), nibble);
  const reversed = i8x16(0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15);
  const reversedHigh = i8x16(0, -128, 64, -64, 32, -96, 96, -32, 16, -112, 80, -48, 48, -80, 112, -16);
  return v128.or(i8x16.swizzle(reversedHigh, low), i8x16.swizzle(reversed, high));
}

/** Both 64-bit lanes of v, each with its bits in reverse order. */
// @ts-ignore: decorator
@inline function reverse64x2(v: v128): v128 {
  const bits = reverseBitsOfBytes(v);
  return i8x16.shuffle(bits, bits, 7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8);
}

/**
 * Y = (Y ^ X_1) H^count ^ X_2 H^(count - 1) ^ .. ^ X_count H for the `count` (1 to 4) blocks at
 * `src`: the products of SP 800-38D 6.4 Algorithm 2, `count` steps at once.
 */
function absorb(table: usize, src: usize, count: usize): void {
  // Low halves (z) and reversed high halves (r) of the three Karatsuba products, summed over blocks.
  let z0: u64 = 0, z1: u64 = 0, z2: u64 = 0, r0: u64 = 0, r1: u64 = 0, r2: u64 = 0;
  let carried = state; // Y joins the first block only
  for (let j: usize = 0, h = table + (count - 1) * POWER_SIZE; j < count; j++, h -= POWER_SIZE) {
    const x = v128.xor(v128.load(src + (j << 4)), carried);
    carried = i64x2.splat(0);
    // Big-endian words: x1 = bytes 0..7, x0 = bytes 8..15; and the two bit-reversed.
    const words = i8x16.shuffle(x, x, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    const reversed = reverseBitsOfBytes(x);
    const x0 = <u64>i64x2.extract_lane(words, 0), x1 = <u64>i64x2.extract_lane(words, 1);
    const x0r = <u64>i64x2.extract_lane(reversed, 1), x1r = <u64>i64x2.extract_lane(reversed, 0);
    z0 ^= clmulLow(x0, h);
    z1 ^= clmulLow(x1, h + 32);
    z2 ^= clmulLow(x0 ^ x1, h + 64);
    r0 ^= clmulLow(x0r, h + 96);
    r1 ^= clmulLow(x1r, h + 128);
    r2 ^= clmulLow(x0r ^ x1r, h + 160);
  }
  // Karatsuba: the middle product minus the outer two; then the high halves reversed back (the
  // reversed product is 127 bits long, hence the shift).
  z2 ^= z0 ^ z1;
  r2 ^= r0 ^ r1;
  const outer = reverse64x2(i64x2.replace_lane(i64x2.splat(r0), 1, r1));
  const h0 = <u64>i64x2.extract_lane(outer, 0) >> 1, h1 = <u64>i64x2.extract_lane(outer, 1) >> 1;
  const h2 = reverse64(r2) >> 1;
  // The 255-bit product in four words (v3 the most significant), then shifted left by one.
  let v0 = z0, v1 = h0 ^ z2, v2 = z1 ^ h2, v3 = h1;
  v3 = (v3 << 1) | (v2 >> 63);
  v2 = (v2 << 1) | (v1 >> 63);
  v1 = (v1 << 1) | (v0 >> 63);
  v0 = v0 << 1;
  // Reduction: x^128 = x^7 + x^2 + x + 1, the powers above x^127 being the low words here. What
  // v0 folds past v2 lands in v1, which is folded next.
  v2 ^= v0 ^ (v0 >> 1) ^ (v0 >> 2) ^ (v0 >> 7);
  v1 ^= (v0 << 63) ^ (v0 << 62) ^ (v0 << 57);
  v3 ^= v1 ^ (v1 >> 1) ^ (v1 >> 2) ^ (v1 >> 7);
  v2 ^= (v1 << 63) ^ (v1 << 62) ^ (v1 << 57);
  const y = i64x2.replace_lane(i64x2.splat(v2), 1, v3);
  state = i8x16.shuffle(y, y, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
}

/** Stores the four masks of `word` at `at`, as clmulLow() takes them. */
function storeMasks(at: usize, word: u64): void {
  store<u64>(at, word & M0);
  store<u64>(at, word & M1, 8);
  store<u64>(at, word & M2, 16);
  store<u64>(at, word & M3, 24);
}

/** Stores a power of H (high = bytes 0..7, low = bytes 8..15, big-endian) at `power`. */
function storePower(power: usize, high: u64, low: u64): void {
  storeMasks(power, low);
  storeMasks(power + 32, high);
  storeMasks(power + 64, low ^ high);
  storeMasks(power + 96, reverse64(low));
  storeMasks(power + 128, reverse64(high));
  storeMasks(power + 160, reverse64(low ^ high));
}

/** H^k from the table, back in the byte order of SP 800-38D, at `to`. */
function loadPower(power: usize, to: usize): void {
  const low = load<u64>(power) | load<u64>(power, 8) | load<u64>(power, 16) | load<u64>(power, 24);
  const high = load<u64>(power, 32) | load<u64>(power, 40) | load<u64>(power, 48) | load<u64>(power, 56);
  store<u64>(to, bswap<u64>(high));
  store<u64>(to, bswap<u64>(low), 8);
}

/**
 * Fills `table` for the hash subkey H (16 bytes at `h`): H, then H^2, H^3 and H^4, each the
 * product of the one before and H (SP 800-38D 6.3).
 */
export function ghashTable(h: usize, table: usize): void {
  const high = bswap<u64>(load<u64>(h)), low = bswap<u64>(load<u64>(h, 8));
  storePower(table, high, low);
  for (let power: usize = 1; power < 4; power++) {
    state = i64x2.splat(0);
    loadPower(table + (power - 1) * POWER_SIZE, scratch);
    absorb(table, scratch, 1);
    v128.store(scratch, state);
    storePower(table + power * POWER_SIZE, bswap<u64>(load<u64>(scratch)), bswap<u64>(load<u64>(scratch, 8)));
  }
  state = i64x2.splat(0);
  v128.store(scratch, i64x2.splat(0));
}

/**
 * GHASH (SP 800-38D 6.4, Algorithm 2) continued over `length` bytes at `src`: for each block X_i,
 * Y = (Y ^ X_i) * H, with Y the 16 bytes at `y` (in and out). A final partial block is padded with
 * zero bytes, as GCM pads A and C (SP 800-38D 7.1 step 5).
 */
export function ghashUpdate(table: usize, y: usize, src: usize, length: usize): void {
  state = v128.load(y);
  const whole = length & ~15;
  let at: usize = 0;
  for (; at + 64 <= whole; at += 64) absorb(table, src + at, 4);
  if (at < whole) absorb(table, src + at, (whole - at) >> 4);
  const rest = length - whole;
  if (rest != 0) {
    v128.store(scratch, i64x2.splat(0));
    memory.copy(scratch, src + whole, rest);
    absorb(table, scratch, 1);
    v128.store(scratch, i64x2.splat(0));
  }
  v128.store(y, state);
  state = i64x2.splat(0);
}
