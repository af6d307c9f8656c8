// Keccak-f[1600] (FIPS 202 clause 3; TS 35.231 Annex C, "the Keccak permutation used within Tuak"):
// 24 rounds of theta, rho, pi, chi and iota on a 200-byte state in linear memory, in place. The
// 25 lanes of 64 bits live in i64 locals for the whole call, so memory is touched only to load and
// store the state once; every operation is a XOR, AND, NOT or fixed rotation, none depending on a
// secret value.
//
// Memory format: the state is 25 lanes of 8 bytes, lane x + 5y at byte 8(x + 5y), least significant
// byte first (the byte order of FIPS 202's strings and of TS 35.232's test data).

export const KECCAK_STATE_SIZE: usize = 200;

/** The round constants RC[0..23] of iota (FIPS 202 clause 3.2.5, algorithm 6). */
const ROUND_CONSTANTS = memory.data<u64>([
  0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
  0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
  0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
  0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
  0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
  0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
], 16);

/**
 * Applies Keccak-f[1600] `iterations` times to the state at `state` (TUAK lets the operator choose
 * the number of iterations, KeccakIterations of TS 35.231; one is the default).
 */
export function keccakF1600(state: usize, iterations: u32): void {
  let a0 = load<u64>(state, 0), a1 = load<u64>(state, 8), a2 = load<u64>(state, 16);
  let a3 = load<u64>(state, 24), a4 = load<u64>(state, 32), a5 = load<u64>(state, 40);
  let a6 = load<u64>(state, 48), a7 = load<u64>(state, 56), a8 = load<u64>(state, 64);
  let a9 = load<u64>(state, 72), a10 = load<u64>(state, 80), a11 = load<u64>(state, 88);
  let a12 = load<u64>(state, 96), a13 = load<u64>(state, 104), a14 = load<u64>(state, 112);
  let a15 = load<u64>(state, 120), a16 = load<u64>(state, 128), a17 = load<u64>(state, 136);
  let a18 = load<u64>(state, 144), a19 = load<u64>(state, 152), a20 = load<u64>(state, 160);
  let a21 = load<u64>(state, 168), a22 = load<u64>(state, 176), a23 = load<u64>(state, 184);
  let a24 = load<u64>(state, 192);
  for (let n: u32 = 0; n < iterations; n++) {
    for (let round: usize = 0; round < 24; round++) {
      // theta: each lane takes the parities of the two neighbouring columns, one rotated by 1.
      const c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20;
      const c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21;
      const c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22;
      const c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23;
      const c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
      const d0 = c4 ^ rotl<u64>(c1, 1);
      const d1 = c0 ^ rotl<u64>(c2, 1);
      const d2 = c1 ^ rotl<u64>(c3, 1);
      const d3 = c2 ^ rotl<u64>(c4, 1);
      const d4 = c3 ^ rotl<u64>(c0, 1);
      // rho and pi together: b[y, 2x + 3y] = rot(a[x, y] ^ d[x], r[x, y]).
      const b0 = a0 ^ d0;
      const b16 = rotl<u64>(a5 ^ d0, 36);
      const b7 = rotl<u64>(a10 ^ d0, 3);
      const b23 = rotl<u64>(a15 ^ d0, 41);
      const b14 = rotl<u64>(a20 ^ d0, 18);
      const b10 = rotl<u64>(a1 ^ d1, 1);
      const b1 = rotl<u64>(a6 ^ d1, 44);
      const b17 = rotl<u64>(a11 ^ d1, 10);
      const b8 = rotl<u64>(a16 ^ d1, 45);
      const b24 = rotl<u64>(a21 ^ d1, 2);
      const b20 = rotl<u64>(a2 ^ d2, 62);
      const b11 = rotl<u64>(a7 ^ d2, 6);
      const b2 = rotl<u64>(a12 ^ d2, 43);
      const b18 = rotl<u64>(a17 ^ d2, 15);
      const b9 = rotl<u64>(a22 ^ d2, 61);
      const b5 = rotl<u64>(a3 ^ d3, 28);
      const b21 = rotl<u64>(a8 ^ d3, 55);
      const b12 = rotl<u64>(a13 ^ d3, 25);
      const b3 = rotl<u64>(a18 ^ d3, 21);
      const b19 = rotl<u64>(a23 ^ d3, 56);
      const b15 = rotl<u64>(a4 ^ d4, 27);
      const b6 = rotl<u64>(a9 ^ d4, 20);
      const b22 = rotl<u64>(a14 ^ d4, 39);
      const b13 = rotl<u64>(a19 ^ d4, 8);
      const b4 = rotl<u64>(a24 ^ d4, 14);
      // chi: each row mixed non-linearly, a[x] = b[x] ^ (~b[x + 1] & b[x + 2]).
      a0 = b0 ^ (~b1 & b2);
      a1 = b1 ^ (~b2 & b3);
      a2 = b2 ^ (~b3 & b4);
      a3 = b3 ^ (~b4 & b0);
      a4 = b4 ^ (~b0 & b1);
      a5 = b5 ^ (~b6 & b7);
      a6 = b6 ^ (~b7 & b8);
      a7 = b7 ^ (~b8 & b9);
      a8 = b8 ^ (~b9 & b5);
      a9 = b9 ^ (~b5 & b6);
      a10 = b10 ^ (~b11 & b12);
      a11 = b11 ^ (~b12 & b13);
      a12 = b12 ^ (~b13 & b14);
      a13 = b13 ^ (~b14 & b10);
      a14 = b14 ^ (~b10 & b11);
      a15 = b15 ^ (~b16 & b17);
      a16 = b16 ^ (~b17 & b18);
      a17 = b17 ^ (~b18 & b19);
      a18 = b18 ^ (~b19 & b15);
      a19 = b19 ^ (~b15 & b16);
      a20 = b20 ^ (~b21 & b22);
      a21 = b21 ^ (~b22 & b23);
      a22 = b22 ^ (~b23 & b24);
      a23 = b23 ^ (~b24 & b20);
      a24 = b24 ^ (~b20 & b21);
      // iota
      a0 ^= load<u64>(ROUND_CONSTANTS + (round << 3));
    }
  }
  store<u64>(state, a0, 0); store<u64>(state, a1, 8); store<u64>(state, a2, 16);
  store<u64>(state, a3, 24); store<u64>(state, a4, 32); store<u64>(state, a5, 40);
  store<u64>(state, a6, 48); store<u64>(state, a7, 56); store<u64>(state, a8, 64);
  store<u64>(state, a9, 72); store<u64>(state, a10, 80); store<u64>(state, a11, 88);
  store<u64>(state, a12, 96); store<u64>(state, a13, 104); store<u64>(state, a14, 112);
  store<u64>(state, a15, 120); store<u64>(state, a16, 128); store<u64>(state, a17, 136);
  store<u64>(state, a18, 144); store<u64>(state, a19, 152); store<u64>(state, a20, 160);
  store<u64>(state, a21, 168); store<u64>(state, a22, 176); store<u64>(state, a23, 184);
  store<u64>(state, a24, 192);
}

// Two states at once: lane i of state `first` in the low half of a v128, of `second` in the high
// half, so that each SIMD operation does the work of two scalar ones (TUAK's compute runs its four
// permutations as two such pairs). WebAssembly has no 64-bit vector rotation: rotl2 uses two
// shifts, but chi's AND-NOT is one instruction.

// @ts-ignore: decorator
@inline function rotl2(x: v128, n: i32): v128 {
  return v128.or(i64x2.shl(x, n), i64x2.shr_u(x, 64 - n));
}

// @ts-ignore: decorator
@inline function loadPair(first: usize, second: usize, offset: usize): v128 {
  return i64x2.replace_lane(i64x2.splat(load<u64>(first + offset)), 1, load<u64>(second + offset));
}

// @ts-ignore: decorator
@inline function storePair(first: usize, second: usize, offset: usize, lanes: v128): void {
  store<u64>(first + offset, i64x2.extract_lane(lanes, 0));
  store<u64>(second + offset, i64x2.extract_lane(lanes, 1));
}

/** keccakF1600 on two states (`first` and `second`, 200 bytes each) at once. */
export function keccakF1600x2(first: usize, second: usize, iterations: u32): void {
  let a0 = loadPair(first, second, 0);
  let a1 = loadPair(first, second, 8);
  let a2 = loadPair(first, second, 16);
  let a3 = loadPair(first, second, 24);
  let a4 = loadPair(first, second, 32);
  let a5 = loadPair(first, second, 40);
  let a6 = loadPair(first, second, 48);
  let a7 = loadPair(first, second, 56);
  let a8 = loadPair(first, second, 64);
  let a9 = loadPair(first, second, 72);
  let a10 = loadPair(first, second, 80);
  let a11 = loadPair(first, second, 88);
  let a12 = loadPair(first, second, 96);
  let a13 = loadPair(first, second, 104);
  let a14 = loadPair(first, second, 112);
  let a15 = loadPair(first, second, 120);
  let a16 = loadPair(first, second, 128);
  let a17 = loadPair(first, second, 136);
  let a18 = loadPair(first, second, 144);
  let a19 = loadPair(first, second, 152);
  let a20 = loadPair(first, second, 160);
  let a21 = loadPair(first, second, 168);
  let a22 = loadPair(first, second, 176);
  let a23 = loadPair(first, second, 184);
  let a24 = loadPair(first, second, 192);
  for (let n: u32 = 0; n < iterations; n++) {
    for (let round: usize = 0; round < 24; round++) {
      // theta, then rho and pi, then chi, as in keccakF1600.
      const c0 = v128.xor(v128.xor(v128.xor(a0, a5), v128.xor(a10, a15)), a20);
      const c1 = v128.xor(v128.xor(v128.xor(a1, a6), v128.xor(a11, a16)), a21);
      const c2 = v128.xor(v128.xor(v128.xor(a2, a7), v128.xor(a12, a17)), a22);
      const c3 = v128.xor(v128.xor(v128.xor(a3, a8), v128.xor(a13, a18)), a23);
      const c4 = v128.xor(v128.xor(v128.xor(a4, a9), v128.xor(a14, a19)), a24);
      const d0 = v128.xor(c4, rotl2(c1, 1));
      const d1 = v128.xor(c0, rotl2(c2, 1));
      const d2 = v128.xor(c1, rotl2(c3, 1));
      const d3 = v128.xor(c2, rotl2(c4, 1));
      const d4 = v128.xor(c3, rotl2(c0, 1));
      const b0 = v128.xor(a0, d0);
      const b16 = rotl2(v128.xor(a5, d0), 36);
      const b7 = rotl2(v128.xor(a10, d0), 3);
      const b23 = rotl2(v128.xor(a15, d0), 41);
      const b14 = rotl2(v128.xor(a20, d0), 18);
      const b10 = rotl2(v128.xor(a1, d1), 1);
      const b1 = rotl2(v128.xor(a6, d1), 44);
      const b17 = rotl2(v128.xor(a11, d1), 10);
      const b8 = rotl2(v128.xor(a16, d1), 45);
      const b24 = rotl2(v128.xor(a21, d1), 2);
      const b20 = rotl2(v128.xor(a2, d2), 62);
      const b11 = rotl2(v128.xor(a7, d2), 6);
      const b2 = rotl2(v128.xor(a12, d2), 43);
      const b18 = rotl2(v128.xor(a17, d2), 15);
      const b9 = rotl2(v128.xor(a22, d2), 61);
      const b5 = rotl2(v128.xor(a3, d3), 28);
      const b21 = rotl2(v128.xor(a8, d3), 55);
      const b12 = rotl2(v128.xor(a13, d3), 25);
      const b3 = rotl2(v128.xor(a18, d3), 21);
      const b19 = rotl2(v128.xor(a23, d3), 56);
      const b15 = rotl2(v128.xor(a4, d4), 27);
      const b6 = rotl2(v128.xor(a9, d4), 20);
      const b22 = rotl2(v128.xor(a14, d4), 39);
      const b13 = rotl2(v128.xor(a19, d4), 8);
      const b4 = rotl2(v128.xor(a24, d4), 14);
      a0 = v128.xor(b0, v128.andnot(b2, b1));
      a1 = v128.xor(b1, v128.andnot(b3, b2));
      a2 = v128.xor(b2, v128.andnot(b4, b3));
      a3 = v128.xor(b3, v128.andnot(b0, b4));
      a4 = v128.xor(b4, v128.andnot(b1, b0));
      a5 = v128.xor(b5, v128.andnot(b7, b6));
      a6 = v128.xor(b6, v128.andnot(b8, b7));
      a7 = v128.xor(b7, v128.andnot(b9, b8));
      a8 = v128.xor(b8, v128.andnot(b5, b9));
      a9 = v128.xor(b9, v128.andnot(b6, b5));
      a10 = v128.xor(b10, v128.andnot(b12, b11));
      a11 = v128.xor(b11, v128.andnot(b13, b12));
      a12 = v128.xor(b12, v128.andnot(b14, b13));
      a13 = v128.xor(b13, v128.andnot(b10, b14));
      a14 = v128.xor(b14, v128.andnot(b11, b10));
      a15 = v128.xor(b15, v128.andnot(b17, b16));
      a16 = v128.xor(b16, v128.andnot(b18, b17));
      a17 = v128.xor(b17, v128.andnot(b19, b18));
      a18 = v128.xor(b18, v128.andnot(b15, b19));
      a19 = v128.xor(b19, v128.andnot(b16, b15));
      a20 = v128.xor(b20, v128.andnot(b22, b21));
      a21 = v128.xor(b21, v128.andnot(b23, b22));
      a22 = v128.xor(b22, v128.andnot(b24, b23));
      a23 = v128.xor(b23, v128.andnot(b20, b24));
      a24 = v128.xor(b24, v128.andnot(b21, b20));
      a0 = v128.xor(a0, i64x2.splat(load<u64>(ROUND_CONSTANTS + (round << 3))));
    }
  }
  storePair(first, second, 0, a0);
  storePair(first, second, 8, a1);
  storePair(first, second, 16, a2);
  storePair(first, second, 24, a3);
  storePair(first, second, 32, a4);
  storePair(first, second, 40, a5);
  storePair(first, second, 48, a6);
  storePair(first, second, 56, a7);
  storePair(first, second, 64, a8);
  storePair(first, second, 72, a9);
  storePair(first, second, 80, a10);
  storePair(first, second, 88, a11);
  storePair(first, second, 96, a12);
  storePair(first, second, 104, a13);
  storePair(first, second, 112, a14);
  storePair(first, second, 120, a15);
  storePair(first, second, 128, a16);
  storePair(first, second, 136, a17);
  storePair(first, second, 144, a18);
  storePair(first, second, 152, a19);
  storePair(first, second, 160, a20);
  storePair(first, second, 168, a21);
  storePair(first, second, 176, a22);
  storePair(first, second, 184, a23);
  storePair(first, second, 192, a24);
}
