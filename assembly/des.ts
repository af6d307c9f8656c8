// DES (FIPS 46-3) and TDEA (NIST SP 800-67) one block at a time, in constant time: the engine for
// work that is serial, such as CBC encryption of one message.
//
// Why not tables: the classic DES indexes S-box (or SP) tables with bits of key XOR data, and the
// cache leaks them. Here each S-box output bit is a 64-bit truth table, T[x] = that output bit for
// the 6-bit S-box input x, and it is read by rotating the table right by x: bit p of rotr(T', x) is
// T[x] when T' = rotl(T, p), with p the bit of f where P puts that output. So a lookup is a
// rotation by a secret count of a constant and a mask: no memory access, and no branch, depends on
// the key or the data. A rotation by a variable count is one constant-time instruction on 64-bit
// hosts (x86-64 ROR r64, cl; AArch64 RORV); 32-bit hosts emulate 64-bit rotations, which this
// engine does not vouch for. The 32 tables T' are written into the code as constants, which makes
// the engine a third faster than loading them; checkRoundFunction() derives them again from the
// S-boxes and P of FIPS 46-3 when a debug build starts.
//
// Bits are numbered as in FIPS 46-3: 1 is the leftmost (most significant) bit of a block, key or
// half; blocks are read as big-endian 64-bit words.
//
// Memory format of a TDEA schedule (SCHEDULE_SIZE bytes): the 48 round keys in the order encryption
// uses them (K1 rounds 1..16, K2 rounds 16..1, K3 rounds 1..16; decryption walks it backwards), each
// as two 32-bit words: the 6-bit groups of S-boxes 1, 3, 5, 7 and of S-boxes 2, 4, 6, 8, at bits
// 31..26, 23..18, 15..10 and 7..2, where roundFunction() finds the matching bits of R.

/** Bytes of the TDEA round-key schedule written by expandSchedule(). */
export const SCHEDULE_SIZE: usize = 48 * 8;

/** Permutation P of the cipher function f (FIPS 46-3). */
export const P: StaticArray<u8> = [
  16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10,
  2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25,
];

/** Permuted choice 1 (FIPS 46-3, key schedule): 56 of the 64 key bits; the parity bits 8, 16, ... 64 are left out. */
export const PC1: StaticArray<u8> = [
  57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18,
  10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
  63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22,
  14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
];

/** Permuted choice 2 (FIPS 46-3, key schedule): the 48 bits of a round key from C || D. */
export const PC2: StaticArray<u8> = [
  14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10,
  23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
  41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48,
  44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
];

/** Left rotations of C and D before each round (FIPS 46-3, key schedule). */
export const SHIFTS: StaticArray<u8> = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];

/** The S-boxes S1..S8 of FIPS 46-3, each 4 rows of 16 columns. */
const SBOXES: StaticArray<u8> = [
  14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7,
  0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
  4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0,
  15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13,

  15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10,
  3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
  0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15,
  13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9,

  10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8,
  13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
  13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7,
  1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12,

  7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15,
  13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
  10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4,
  3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14,

  2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9,
  14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
  4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14,
  11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3,

  12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11,
  10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
  9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6,
  4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13,

  4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1,
  13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
  1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2,
  6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12,

  13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7,
  1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
  7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8,
  2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11,
];

/** Output `bit` (0 = leftmost) of S-box `box` (0 = S1) for the 6-bit input x: b1 b6 pick the row, b2..b5 the column. */
function sboxBit(box: i32, x: i32, bit: i32): u64 {
  const row = ((x >> 4) & 2) | (x & 1), column = (x >> 1) & 15;
  return (<u64>SBOXES[(box << 6) | (row << 4) | column] >> (3 - bit)) & 1;
}

/** One output bit of the round function, at bit `position` of f: see the top of this file. */
// @ts-ignore: decorator
@inline function lookup(x: u32, table: u64, position: u64): u64 {
  return rotr<u64>(table, <u64>x) & (<u64>1 << position);
}

/**
 * P(S-box output) for the input x, from the rotated truth tables t0..t3 of its output bits 1..4 and
 * the bits p0..p3 of f that P sends them to. Only the low six bits of x count: a 64-bit rotation
 * takes its count mod 64.
 */
// @ts-ignore: decorator
@inline function sbox(x: u32, t0: u64, p0: u64, t1: u64, p1: u64, t2: u64, p2: u64, t3: u64, p3: u64): u64 {
  return lookup(x, t0, p0) | lookup(x, t1, p1) | lookup(x, t2, p2) | lookup(x, t3, p3);
}

/**
 * The cipher function f(R, K) of FIPS 46-3: E, XOR with the round key, S-boxes, P. E needs no work:
 * in R rotated right by 1, the inputs of S1, S3, S5, S7 are the bits 31..26, 23..18, 15..10, 7..2;
 * in R rotated left by 3, those of S2, S4, S6, S8 are (S8's wraps round R, which the rotation handles).
 */
// @ts-ignore: decorator
@inline function roundFunction(r: u32, odd: u32, even: u32): u32 {
  const u = rotr<u32>(r, 1) ^ odd, v = rotl<u32>(r, 3) ^ even;
  return <u32>(
    sbox(u >> 26, 0xbd43733b0cc34ea4, 23, 0xc38da4bc135ed863, 15, 0xd3a924c13e3e524f, 9, 0x22f7d20cdf0368f1, 1) |
    sbox(v >> 26, 0xcb734e1d32cf0cb0, 19, 0x8f93c169346c3e96, 4, 0x18a527f0dd1aa2dd, 30, 0xd6b4ae1945a3f348, 14) |
    sbox(u >> 18, 0x692d696b9c90d396, 8, 0x863526f4794ad96a, 16, 0xdae65830e70add25, 2, 0x8ea5955a692e3671, 26) |
    sbox(v >> 18, 0xb0f9c67b64160fa4, 6, 0x9718c74ca0e97cb6, 12, 0xa3da4b339c6b3445, 22, 0x61a4cc7384dbbe0d, 31) |
    sbox(u >> 10, 0x6a79e1348e429dcd, 24, 0x72864599ae59a56e, 18, 0x859ce349782e95e3, 7, 0x496ed7291499b2da, 29) |
    sbox(v >> 10, 0x5c9a4695bb44ab69, 28, 0x34c9c6b0af34d34e, 3, 0x278db242db4a597c, 21, 0x6d4b2f87946992b4, 13) |
    sbox(u >> 2, 0x92c761f82c96d966, 0, 0x96699e643c3869cd, 20, 0x57d06a792e07d1aa, 10, 0xf292f2d34c691d2c, 25) |
    sbox(v >> 2, 0x21c638b5ce0bd5e9, 27, 0x29d2d62b2d54ad27, 5, 0xb14f91e27e194e2c, 17, 0x140e6b0ce3e15cfb, 11)
  );
}

/**
 * Checks roundFunction() against FIPS 46-3 itself: for every 6-bit x, with R = 0 and a round key
 * that gives every S-box the input x, f must be P applied to S1(x) || ... || S8(x) looked up in the
 * S-box tables. That covers all 512 S-box entries and where P sends every output bit.
 */
function checkRoundFunction(): void {
  for (let x: u32 = 0; x < 64; x++) {
    const key = (x << 26) | (x << 18) | (x << 10) | (x << 2);
    let outputs: u64 = 0;
    for (let box = 0; box < 8; box++) {
      for (let bit = 0; bit < 4; bit++) outputs = (outputs << 1) | sboxBit(box, x, bit);
    }
    assert(<u64>roundFunction(0, key, key) == permute(outputs, 32, P), 'DES round function disagrees with FIPS 46-3');
  }
}
if (!ASC_NO_ASSERT) checkRoundFunction();

/**
 * Sixteen DES rounds from (L0, R0) = the high and low halves of `block`, with the round keys at
 * `keys`, `keys + step`, ...; returns the preoutput R16 || L16 (FIPS 46-3), which is also the next
 * DES's L0 || R0 inside TDEA, since IP undoes its IP^-1.
 */
// @ts-ignore: decorator
@inline function sixteenRounds(block: u64, keys: usize, step: isize): u64 {
  let l = <u32>(block >> 32), r = <u32>block;
  for (let i = 0; i < 8; i++) {
    l ^= roundFunction(r, load<u32>(keys), load<u32>(keys, 4));
    keys += step;
    r ^= roundFunction(l, load<u32>(keys), load<u32>(keys, 4));
    keys += step;
  }
  return (<u64>r << 32) | l;
}

/**
 * Applies a FIPS 46-3 permutation table: bit i (from the left) of the result is bit table[i] of the
 * `width`-bit input. Only the table picks shift counts, so it runs in constant time.
 */
export function permute(input: u64, width: i32, table: StaticArray<u8>): u64 {
  let out: u64 = 0;
  for (let i = 0; i < table.length; i++) {
    out = (out << 1) | ((input >> <u64>(width - <i32>unchecked(table[i]))) & 1);
  }
  return out;
}

/** Swaps the bits of `x` selected by `mask` with those `delta` places to their left. */
// @ts-ignore: decorator
@inline function deltaSwap(x: u64, mask: u64, delta: u64): u64 {
  const t = ((x >> delta) ^ x) & mask;
  return x ^ t ^ (t << delta);
}

/**
 * The initial permutation IP of FIPS 46-3 on a block loaded little-endian (byte 1 of the block in
 * the low byte): row i of that 8 x 8 bit matrix (from the top byte) is block byte 8 - i. IP takes
 * column 2, 4, 6, 8, 1, 3, 5, 7 of the block's bytes (bit 1 of each byte first) as its rows, read
 * from byte 8 to byte 1, so it is a transpose of the matrix (three delta swaps) and then a reorder
 * of the rows: odd ones first (two delta swaps and a rotation). Returns L0 || R0.
 */
// @ts-ignore: decorator
@inline function initialPermutation(block: u64): u64 {
  let x = deltaSwap(block, 0x00aa00aa00aa00aa, 7);
  x = deltaSwap(x, 0x0000cccc0000cccc, 14);
  x = deltaSwap(x, 0x00000000f0f0f0f0, 28);
  x = deltaSwap(x, 0x0000ff000000ff00, 8);
  x = deltaSwap(x, 0x00000000ffff0000, 16);
  return rotr<u64>(x, 32);
}

/** IP^-1 of FIPS 46-3: the steps of initialPermutation() undone in reverse order; returns the block as loaded. */
// @ts-ignore: decorator
@inline function finalPermutation(preoutput: u64): u64 {
  let x = rotr<u64>(preoutput, 32);
  x = deltaSwap(x, 0x00000000ffff0000, 16);
  x = deltaSwap(x, 0x0000ff000000ff00, 8);
  x = deltaSwap(x, 0x00000000f0f0f0f0, 28);
  x = deltaSwap(x, 0x0000cccc0000cccc, 14);
  return deltaSwap(x, 0x00aa00aa00aa00aa, 7);
}

/**
 * TDEA on one block, loaded little-endian (NIST SP 800-67 3.1): encryption E_K3(D_K2(E_K1(x))) walks
 * the schedule forwards, decryption D_K1(E_K2(D_K3(x))) backwards. The IP^-1 and IP between the
 * three DES cancel out.
 */
// @ts-ignore: decorator
@inline function tdea(schedule: usize, block: u64, decrypt: bool): u64 {
  const step: isize = decrypt ? -8 : 8;
  let keys = decrypt ? schedule + SCHEDULE_SIZE - 8 : schedule;
  let x = initialPermutation(block);
  x = sixteenRounds(x, keys, step);
  x = sixteenRounds(x, keys + (step << 4), step);
  x = sixteenRounds(x, keys + (step << 5), step);
  return finalPermutation(x);
}

/** The 48-bit round keys K1..K16 of one 64-bit DES key (FIPS 46-3 "Key Schedule Calculation"), written as 16 u64 at `out`. */
export function desRoundKeys(key: u64, out: usize): void {
  const cd = permute(key, 64, PC1);
  let c = <u32>(cd >> 28), d = <u32>cd & 0x0fffffff;
  for (let round = 0; round < 16; round++) {
    const n = <u32>SHIFTS[round];
    c = ((c << n) | (c >> (28 - n))) & 0x0fffffff;
    d = ((d << n) | (d >> (28 - n))) & 0x0fffffff;
    store<u64>(out + (<usize>round << 3), permute((<u64>c << 28) | d, 56, PC2));
  }
}

/** Stores a 48-bit round key in the schedule's format (see the top of this file). */
function storeRoundKey(k: u64, at: usize): void {
  let odd: u32 = 0, even: u32 = 0;
  for (let pair = 0; pair < 4; pair++) {
    const shift = <u32>(26 - 8 * pair);
    odd |= <u32>((k >> <u64>(42 - 12 * pair)) & 63) << shift;
    even |= <u32>((k >> <u64>(36 - 12 * pair)) & 63) << shift;
  }
  store<u32>(at, odd);
  store<u32>(at, even, 4);
}

const roundKeys = memory.data(16 * 8, 16);

/**
 * Writes the TDEA schedule (SCHEDULE_SIZE bytes at `schedule`) of the 24-byte key bundle at `key`:
 * K1 || K2 || K3, each a 64-bit DES key whose parity bits are ignored.
 */
export function expandSchedule(key: usize, schedule: usize): void {
  for (let k: usize = 0; k < 3; k++) {
    desRoundKeys(bswap<u64>(load<u64>(key + (k << 3))), roundKeys);
    for (let round: usize = 0; round < 16; round++) {
      const from: usize = k == 1 ? 15 - round : round; // K2 decrypts: its rounds in reverse
      storeRoundKey(load<u64>(roundKeys + (from << 3)), schedule + (((k << 4) + round) << 3));
    }
  }
  memory.fill(roundKeys, 0, 16 * 8);
}

/**
 * TDEA-CBC encryption (NIST SP 800-38A 6.2, RFC 2451) of `count` blocks from `src` to `dst`
 * (which may be `src`), chained from the 8-byte IV at `iv`; one block after the other.
 */
export function encryptCbcSerial(schedule: usize, iv: usize, src: usize, dst: usize, count: usize): void {
  let chain = load<u64>(iv);
  for (let i: usize = 0; i < count; i++) {
    chain = tdea(schedule, load<u64>(src + (i << 3)) ^ chain, false);
    store<u64>(dst + (i << 3), chain);
  }
}

/** TDEA-CBC decryption (NIST SP 800-38A 6.2) of `count` blocks, one after the other; `dst` may be `src`. */
export function decryptCbcSerial(schedule: usize, iv: usize, src: usize, dst: usize, count: usize): void {
  let chain = load<u64>(iv);
  for (let i: usize = 0; i < count; i++) {
    const block = load<u64>(src + (i << 3));
    store<u64>(dst + (i << 3), tdea(schedule, block, true) ^ chain);
    chain = block;
  }
}
