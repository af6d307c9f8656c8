// Vector-permute AES-128 encryption (M. Hamburg, "Accelerating AES with Vector Permute
// Instructions", CHES 2009): one block at a time, in constant time, for serial work such as the CBC
// encryption of one message (SP 800-38A 6.2), where the eight-lane bitsliced AES of aes.ts would
// leave seven lanes idle.
//
// Constant time: the S-box (FIPS-197 5.1.1) is computed, not looked up in memory. Hamburg writes
// GF(2^8) inversion over GF(2^4); every GF(2^4) table has 16 entries, is held in a v128 local and is
// indexed with i8x16.swizzle, so secret bytes select register lanes only, never a memory address or
// a branch. Memory indices and branches depend on the round number and the block count alone.
//
// State layout ("transposed"): byte 4 r + c holds row r, column c of the FIPS-197 3.4 state, so a
// row is one 32-bit lane. MixColumns (5.1.3) then needs whole-lane rotations only, and ShiftRows
// (5.1.2) is one swizzle. Since SubBytes works bytewise it commutes with ShiftRows, so each round
// here shifts first. Between the input and output transforms bytes are in Hamburg's basis.
//
// Memory format of a schedule (VPERM_SCHEDULE_SIZE = 176 bytes, from vpermExpandKey()):
//   round key 0:      Hamburg's basis, transposed;
//   round keys 1..9:  Hamburg's basis, transposed, times the circulant (0 1 1 1): a round adds its
//                     key before MixColumns, which multiplies it by that circulant, its own inverse;
//   round key 10:     standard basis and byte order (the last round leaves the state there).

/** Bytes of one schedule from vpermExpandKey(): 11 round keys of 16 bytes. */
export const VPERM_SCHEDULE_SIZE: usize = 11 * 16;

// Hamburg's public-domain tables (the same constants as OpenSSL's vpaes), 16 bytes each: GF(2^4)
// inverse and a/k, the input and output basis changes (low / high nibble), and the S-box output
// maps: sb1 = S, sb2 = 2 S, sbo = last round, each as the sum of a u and a t table.
const INV: usize = 0, INVA: usize = 16, IPT_LO: usize = 32, IPT_HI: usize = 48, SB1U: usize = 64,
  SB1T: usize = 80, SB2U: usize = 96, SB2T: usize = 112, SBOU: usize = 128, SBOT: usize = 144,
  OPT_LO: usize = 160, OPT_HI: usize = 176;
const TABLES: usize = memory.data<u8>([
  0x80, 0x01, 0x08, 0x0d, 0x0f, 0x06, 0x05, 0x0e, 0x02, 0x0c, 0x0b, 0x0a, 0x09, 0x03, 0x07, 0x04,
  0x80, 0x07, 0x0b, 0x0f, 0x06, 0x0a, 0x04, 0x01, 0x09, 0x08, 0x05, 0x02, 0x0c, 0x0e, 0x0d, 0x03,
  0x00, 0x70, 0x2a, 0x5a, 0x98, 0xe8, 0xb2, 0xc2, 0x08, 0x78, 0x22, 0x52, 0x90, 0xe0, 0xba, 0xca,
  0x00, 0x4d, 0x7c, 0x31, 0x7d, 0x30, 0x01, 0x4c, 0x81, 0xcc, 0xfd, 0xb0, 0xfc, 0xb1, 0x80, 0xcd,
  0x00, 0x3e, 0x50, 0xcb, 0x8f, 0xe1, 0x9b, 0xb1, 0x44, 0xf5, 0x2a, 0x14, 0x6e, 0x7a, 0xdf, 0xa5,
  0x00, 0x23, 0xe2, 0xfa, 0x15, 0xd4, 0x18, 0x36, 0xef, 0xd9, 0x2e, 0x0d, 0xc1, 0xcc, 0xf7, 0x3b,
  0x00, 0x24, 0x71, 0x0b, 0xc6, 0x93, 0x7a, 0xe2, 0xcd, 0x2f, 0x98, 0xbc, 0x55, 0xe9, 0xb7, 0x5e,
  0x00, 0x29, 0xe1, 0x0a, 0x40, 0x88, 0xeb, 0x69, 0x4a, 0x23, 0x82, 0xab, 0xc8, 0x63, 0xa1, 0xc2,
  0x00, 0xc7, 0xbd, 0x6f, 0x17, 0x6d, 0xd2, 0xd0, 0x78, 0xa8, 0x02, 0xc5, 0x7a, 0xbf, 0xaa, 0x15,
  0x00, 0x6a, 0xbb, 0x5f, 0xa5, 0x74, 0xe4, 0xcf, 0xfa, 0x35, 0x2b, 0x41, 0xd1, 0x90, 0x1e, 0x8e,
  0x00, 0x60, 0xb6, 0xd6, 0x29, 0x49, 0x9f, 0xff, 0x08, 0x68, 0xbe, 0xde, 0x21, 0x41, 0x97, 0xf7,
  0x00, 0xec, 0xbc, 0x50, 0x51, 0xbd, 0xed, 0x01, 0xe0, 0x0c, 0x5c, 0xb0, 0xb1, 0x5d, 0x0d, 0xe1,
], 16);

// Rcon of rounds 1..10 (FIPS-197 5.2) in Hamburg's basis.
const RCON: usize = memory.data<u8>([0x70, 0x2a, 0x98, 0x08, 0x4d, 0x7c, 0x7d, 0x81, 0x1f, 0x83]);

// Byte permutations of the state, as swizzle indices (result byte i = input byte index[i]):
// TRANSPOSE swaps byte 4 c + r (FIPS-197 input order) and 4 r + c; SHIFT_ROWS moves row r left by r
// in the transposed layout; SHIFT_ROWS_OUT is SHIFT_ROWS, then back to FIPS-197 order.
const TRANSPOSE: usize = memory.data<u8>([0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15], 16);
const SHIFT_ROWS: usize = memory.data<u8>([0, 1, 2, 3, 5, 6, 7, 4, 10, 11, 8, 9, 15, 12, 13, 14], 16);
const SHIFT_ROWS_OUT: usize = memory.data<u8>([0, 5, 10, 15, 1, 6, 11, 12, 2, 7, 8, 13, 3, 4, 9, 14], 16);

// @ts-ignore: decorator
@inline function swz(table: v128, index: v128): v128 {
  return i8x16.swizzle(table, index);
}

// @ts-ignore: decorator
@inline function nibbles(lo: v128, hi: v128, x: v128): v128 {
  // A linear byte map, given by its values on the low nibble (lo) and on the high nibble (hi).
  const mask = i8x16.splat(0x0f);
  return v128.xor(swz(lo, v128.and(x, mask)), swz(hi, v128.and(i32x4.shr_u(x, 4), mask)));
}

// One half of Hamburg's GF(2^8) inversion: inv(inv(a) + ak) + b.
// @ts-ignore: decorator
@inline function half(inv: v128, a: v128, ak: v128, b: v128): v128 {
  return v128.xor(swz(inv, v128.xor(swz(inv, a), ak)), b);
}

// Rotations of the four rows by whole 32-bit lanes: row r takes row r + 1 (or r + 2, r + 3).
// @ts-ignore: decorator
@inline function rows1(x: v128): v128 {
  return i8x16.shuffle(x, x, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3);
}
// @ts-ignore: decorator
@inline function rows2(x: v128): v128 {
  return i8x16.shuffle(x, x, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
}
// @ts-ignore: decorator
@inline function rows3(x: v128): v128 {
  return i8x16.shuffle(x, x, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
}

/**
 * Expands the AES-128 key (16 bytes at `key`, FIPS-197 5.2) into the VPERM_SCHEDULE_SIZE bytes at
 * `rk`, in the format described at the top of this file.
 */
export function vpermExpandKey(key: usize, rk: usize): void {
  const inv = v128.load(TABLES, INV), inva = v128.load(TABLES, INVA);
  const sb1u = v128.load(TABLES, SB1U), sb1t = v128.load(TABLES, SB1T);
  const mask = i8x16.splat(0x0f), s63 = i8x16.splat(0x5b), zero = i8x16.splat(0);
  const transpose = v128.load(TRANSPOSE);
  let last = nibbles(v128.load(TABLES, IPT_LO), v128.load(TABLES, IPT_HI), v128.load(key)); // the previous round key, standard order
  v128.store(rk, swz(last, transpose));
  for (let n: usize = 1; n <= 10; n++) {
    // w[i] = w[i - 4] + SubWord(RotWord(w[i - 1])) + Rcon, and each next word adds the one before:
    // the prefix sums of the previous key's words, plus SubWord(RotWord) of its last word in all four.
    let sum = v128.xor(last, i8x16.replace_lane(zero, 0, load<u8>(RCON + n - 1)));
    sum = v128.xor(sum, i8x16.shuffle(sum, zero, 16, 16, 16, 16, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
    sum = v128.xor(sum, i8x16.shuffle(sum, zero, 16, 16, 16, 16, 16, 16, 16, 16, 0, 1, 2, 3, 4, 5, 6, 7));
    sum = v128.xor(sum, s63);
    const x = i8x16.shuffle(last, last, 13, 14, 15, 12, 13, 14, 15, 12, 13, 14, 15, 12, 13, 14, 15, 12);
    const i = v128.and(i32x4.shr_u(x, 4), mask), k = v128.and(x, mask);
    const ak = swz(inva, k), j = v128.xor(i, k);
    const io = half(inv, i, ak, j), jo = half(inv, j, ak, i);
    last = v128.xor(v128.xor(swz(sb1u, io), swz(sb1t, jo)), sum);
    const roundKey = v128.xor(last, s63);
    if (n < 10) {
      const t = swz(roundKey, transpose);
      v128.store(rk + (n << 4), v128.xor(v128.xor(rows1(t), rows2(t)), rows3(t)));
    } else {
      v128.store(rk, nibbles(v128.load(TABLES, OPT_LO), v128.load(TABLES, OPT_HI), roundKey), 160);
    }
  }
}

// The cipher of FIPS-197 5.1 on `blocks` blocks from `src` to `dst`, one after the other. With
// `chained` (a compile-time constant), each input block is first XORed with the previous output
// block, the first with `chain`: CBC encryption (SP 800-38A 6.2). Tables live in locals.
// @ts-ignore: decorator
@inline function encryptSerial(rk: usize, chain: v128, src: usize, dst: usize, blocks: usize, chained: bool): void {
  const inv = v128.load(TABLES, INV), inva = v128.load(TABLES, INVA), mask = i8x16.splat(0x0f);
  const iptLo = v128.load(TABLES, IPT_LO), iptHi = v128.load(TABLES, IPT_HI);
  const sb1u = v128.load(TABLES, SB1U), sb1t = v128.load(TABLES, SB1T);
  const sb2u = v128.load(TABLES, SB2U), sb2t = v128.load(TABLES, SB2T);
  const sbou = v128.load(TABLES, SBOU), sbot = v128.load(TABLES, SBOT);
  const transpose = v128.load(TRANSPOSE), shiftRows = v128.load(SHIFT_ROWS);
  const shiftRowsOut = v128.load(SHIFT_ROWS_OUT);
  const first = v128.load(rk), last = v128.load(rk, 160);
  for (let at: usize = 0, end = blocks << 4; at < end; at += 16) {
    let s = v128.load(src + at);
    if (chained) s = v128.xor(s, chain);
    s = v128.xor(nibbles(iptLo, iptHi, swz(s, transpose)), first);
    for (let round: usize = 16; round < 160; round += 16) {
      s = swz(s, shiftRows);
      const i = v128.and(i32x4.shr_u(s, 4), mask), k = v128.and(s, mask);
      const ak = swz(inva, k), j = v128.xor(i, k);
      const io = half(inv, i, ak, j), jo = half(inv, j, ak, i);
      // MixColumns of S (5.1.3) per row: 2 S_r + 3 S_r+1 + S_r+2 + S_r+3, with a = S + key, b = 2 S.
      const a = v128.xor(v128.xor(swz(sb1u, io), swz(sb1t, jo)), v128.load(rk + round));
      const b = v128.xor(swz(sb2u, io), swz(sb2t, jo));
      const ab = v128.xor(rows1(a), b);
      s = v128.xor(rows1(ab), v128.xor(rows3(a), ab));
    }
    s = swz(s, shiftRowsOut);
    const i = v128.and(i32x4.shr_u(s, 4), mask), k = v128.and(s, mask);
    const ak = swz(inva, k), j = v128.xor(i, k);
    const io = half(inv, i, ak, j), jo = half(inv, j, ak, i);
    s = v128.xor(v128.xor(swz(sbou, io), swz(sbot, jo)), last);
    v128.store(dst + at, s);
    chain = s;
  }
}

/**
 * Encrypts `count` blocks from `src` to `dst` (FIPS-197 5.1) under the schedule `rk` from
 * vpermExpandKey(), one block at a time: ECB order, for tests and single blocks.
 */
export function vpermEncryptBlocks(rk: usize, src: usize, dst: usize, count: usize): void {
  encryptSerial(rk, i8x16.splat(0), src, dst, count, false);
}

/**
 * CBC encryption (SP 800-38A 6.2) of `blocks` blocks from `src` to `dst` (which may be `src`) under
 * the schedule `rk` from vpermExpandKey(), with the 16-byte IV at `iv`: C_j = E(P_j ^ C_(j-1)).
 */
export function vpermEncryptCbc(rk: usize, iv: usize, src: usize, dst: usize, blocks: usize): void {
  encryptSerial(rk, v128.load(iv), src, dst, blocks, true);
}
