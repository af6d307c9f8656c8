// Constant-time AES-128 (FIPS-197), bitsliced over WebAssembly SIMD, eight blocks at a time.
//
// Why bitsliced: a T-table AES indexes memory with secret bytes and leaks the key through the
// cache, and the subscriber key K is the most valuable secret of an HSS. Here every step is a fixed
// sequence of v128 logic ops, shifts and constant byte shuffles: no branch and no memory index
// depends on key or data. The layout follows Käsper and Schwabe (CHES 2009), eight 128-bit planes:
//   plane j, byte p, bit k  =  bit j of byte p of block k.
// Byte p of every plane is state byte p (FIPS-197 order, p = row + 4 * column) of all eight blocks,
// so ShiftRows is a constant byte shuffle and the row rotations of MixColumns are shifts within
// 32-bit lanes. Each block (lane) may carry its own key, since the key schedule is bitsliced too:
// a batch of eight subscribers shares one pass.
//
// Memory formats:
//   blocks:      8 x 16 bytes, block k at offset 16 k (the lanes).
//   planes:      8 x 16 bytes, plane j at offset 16 j.
//   round keys:  ROUND_KEYS_SIZE bytes: 11 round keys of 8 planes each; an encryption schedule
//                (fixsliced) or a decryption one (FIPS order).

/** Bytes of one bitsliced AES-128 key schedule (11 round keys x 8 planes x 16 bytes). */
export const ROUND_KEYS_SIZE: usize = 11 * 8 * 16;

// The three uses of rounds(), as types: each gets its own compiled copy of rounds(), with the
// branches of the other two removed at compile time (one source for the S-box, three tight kernels).
type Encrypt = u8;
type Decrypt = u16;
type Expand = u32;
const ENCRYPT = 1;
const DECRYPT = 2;
const EXPAND = 4;

// @ts-ignore: decorator
@inline function xor(a: v128, b: v128): v128 { return v128.xor(a, b); }
// @ts-ignore: decorator
@inline function and(a: v128, b: v128): v128 { return v128.and(a, b); }
// @ts-ignore: decorator
@inline function or(a: v128, b: v128): v128 { return v128.or(a, b); }
// @ts-ignore: decorator

/**
 * Transposes the 8 x 8 bit matrix at every byte position of the eight 16-byte rows at `src` and
 * writes the result to `dst` (which may be `src`): eight blocks become eight planes and back, since
 * the transpose is its own inverse. Three rounds of swap-move with masks 0x55, 0x33, 0x0f; each mask
 * keeps the moved bits inside their byte, so 64-bit shifts serve for all 16 bytes.
 */
export function transpose8(src: usize, dst: usize): void {
  let x0 = v128.load(src, 0), x1 = v128.load(src, 16), x2 = v128.load(src, 32), x3 = v128.load(src, 48);
  let x4 = v128.load(src, 64), x5 = v128.load(src, 80), x6 = v128.load(src, 96), x7 = v128.load(src, 112);
  const m1 = i8x16.splat(0x55), m2 = i8x16.splat(0x33), m4 = i8x16.splat(0x0f);
  let t: v128;
  t = and(xor(i64x2.shr_u(x0, 1), x1), m1); x1 = xor(x1, t); x0 = xor(x0, i64x2.shl(t, 1));
  t = and(xor(i64x2.shr_u(x2, 1), x3), m1); x3 = xor(x3, t); x2 = xor(x2, i64x2.shl(t, 1));
  t = and(xor(i64x2.shr_u(x4, 1), x5), m1); x5 = xor(x5, t); x4 = xor(x4, i64x2.shl(t, 1));
  t = and(xor(i64x2.shr_u(x6, 1), x7), m1); x7 = xor(x7, t); x6 = xor(x6, i64x2.shl(t, 1));
  t = and(xor(i64x2.shr_u(x0, 2), x2), m2); x2 = xor(x2, t); x0 = xor(x0, i64x2.shl(t, 2));
  t = and(xor(i64x2.shr_u(x1, 2), x3), m2); x3 = xor(x3, t); x1 = xor(x1, i64x2.shl(t, 2));
  t = and(xor(i64x2.shr_u(x4, 2), x6), m2); x6 = xor(x6, t); x4 = xor(x4, i64x2.shl(t, 2));
  t = and(xor(i64x2.shr_u(x5, 2), x7), m2); x7 = xor(x7, t); x5 = xor(x5, i64x2.shl(t, 2));
  t = and(xor(i64x2.shr_u(x0, 4), x4), m4); x4 = xor(x4, t); x0 = xor(x0, i64x2.shl(t, 4));
  t = and(xor(i64x2.shr_u(x1, 4), x5), m4); x5 = xor(x5, t); x1 = xor(x1, i64x2.shl(t, 4));
  t = and(xor(i64x2.shr_u(x2, 4), x6), m4); x6 = xor(x6, t); x2 = xor(x2, i64x2.shl(t, 4));
  t = and(xor(i64x2.shr_u(x3, 4), x7), m4); x7 = xor(x7, t); x3 = xor(x3, i64x2.shl(t, 4));
  v128.store(dst, x0, 0); v128.store(dst, x1, 16); v128.store(dst, x2, 32); v128.store(dst, x3, 48);
  v128.store(dst, x4, 64); v128.store(dst, x5, 80); v128.store(dst, x6, 96); v128.store(dst, x7, 112);
}

// Byte shuffles on one plane (state byte p = row + 4 * column):
//   shiftRows:    new[p] = old[SR[p]], SR = 0 5 10 15 4 9 14 3 8 13 2 7 12 1 6 11 (FIPS-197 5.1.2)
//   rotateRowsK:  new[row, c] = old[(row + k) % 4, c]; a column is one little-endian 32-bit lane.
// @ts-ignore: decorator
@inline function shiftRows(a: v128): v128 {
  return i8x16.shuffle(a, a, 0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11);
}
// @ts-ignore: decorator
@inline function invShiftRows(a: v128): v128 {
  return i8x16.shuffle(a, a, 0, 13, 10, 7, 4, 1, 14, 11, 8, 5, 2, 15, 12, 9, 6, 3);
}
// @ts-ignore: decorator
@inline function rotateRows1(a: v128): v128 {
  return v128.or(i32x4.shr_u(a, 8), i32x4.shl(a, 24));
}
// @ts-ignore: decorator
@inline function rotateRows2(a: v128): v128 {
  return i8x16.shuffle(a, a, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
}
/** SR^2 = SR^-2 = SR^10: new[p] = old[SR2[p]], SR2 = 0 9 2 11 4 13 6 15 8 1 10 3 12 5 14 7. */
// @ts-ignore: decorator
@inline function shiftRows2(a: v128): v128 {
  return i8x16.shuffle(a, a, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12, 5, 14, 7);
}
// The rotations of fixsliced MixColumns: row r+1 of column c+k, row r+2 of column c+2k.
// @ts-ignore: decorator
@inline function columns1(a: v128): v128 { return i32x4.shuffle(a, a, 1, 2, 3, 0); }
// @ts-ignore: decorator
@inline function columns2(a: v128): v128 { return i32x4.shuffle(a, a, 2, 3, 0, 1); }
// @ts-ignore: decorator
@inline function columns3(a: v128): v128 { return i32x4.shuffle(a, a, 3, 0, 1, 2); }

/** Round constants of the key expansion (FIPS-197 5.2). */
const RCON: StaticArray<u8> = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36];

/**
 * Ten AES-128 rounds over the eight planes at `planes`, in one of three modes:
 * - Encrypt, the cipher of FIPS-197 5.1, fixsliced, under the encryption schedule `rk`;
 * - Decrypt, the inverse cipher of 5.3 under the FIPS-order schedule (InvSubBytes and
 *   InvShiftRows commute, so both directions share one S-box position in the loop);
 * - Expand, the key expansion of 5.2 into a FIPS-order schedule: `planes` holds round key 0 and rounds 1 to 10 are written to
 *   `rk`. Each round, w0' = w0 ^ SubWord(RotWord(w3)) ^ Rcon and wi' = wi ^ w(i-1)': the prefix XOR
 *   of the previous round key's columns plus SubWord(RotWord(w3)) ^ Rcon broadcast to all columns.
 * The state lives in locals, so the circuit stays in registers; the S-box and MixColumns are
 * written once for all modes, and each mode compiles to its own function (see the Mode types).
 * Branches depend only on the mode and the round.
 */
function rounds<Mode>(rk: usize, planes: usize): void {
  const mode = <i32>sizeof<Mode>();
  let p0 = v128.load(planes, 0), p1 = v128.load(planes, 16), p2 = v128.load(planes, 32), p3 = v128.load(planes, 48);
  let p4 = v128.load(planes, 64), p5 = v128.load(planes, 80), p6 = v128.load(planes, 96), p7 = v128.load(planes, 112);
  if (mode != EXPAND) {
    const k = mode == ENCRYPT ? rk : rk + (10 << 7);
    p0 = xor(p0, v128.load(k, 0)); p1 = xor(p1, v128.load(k, 16)); p2 = xor(p2, v128.load(k, 32)); p3 = xor(p3, v128.load(k, 48));
    p4 = xor(p4, v128.load(k, 64)); p5 = xor(p5, v128.load(k, 80)); p6 = xor(p6, v128.load(k, 96)); p7 = xor(p7, v128.load(k, 112));
  }
  const inverse = mode == DECRYPT;
  for (let round = 1; round <= 10; round++) {
    // SubBytes / InvSubBytes: the circuits of Boyar and Peralta, "A depth-16 circuit for the AES
    // S-box" (2011). A linear top layer, a non-linear middle shared by both directions (inversion
    // in GF(2^8) over a tower field) and a linear bottom layer; U0 and S0 are the top bits (plane 7).
    // The paper's XNOR gates (the S-box constant 0x63) are left out: the cipher carries its state
    // XOR 0x63 in every byte between rounds, which ShiftRows and (Inv)MixColumns keep as it is
    // (their coefficients add up to 1), and round keys 1 to 10 include it. See foldSboxConstant.
    const u0 = p7, u1 = p6, u2 = p5, u3 = p4, u4 = p3, u5 = p2, u6 = p1, u7 = p0;
    let t1: v128, t2: v128, t3: v128, t4: v128, t6: v128, t8: v128, t9: v128, t10: v128, t13: v128;
    let t14: v128, t15: v128, t16: v128, t17: v128, t19: v128, t20: v128, t22: v128, t23: v128;
    let t24: v128, t25: v128, t26: v128, t27: v128, td: v128;
    if (inverse) {
      t23 = xor(u0, u3);
      t22 = xor(u1, u3);
      t2 = xor(u0, u1);
      t1 = xor(u3, u4);
      t24 = xor(u4, u7);
      const r5 = xor(u6, u7);
      t8 = xor(u1, t23);
      t19 = xor(t22, r5);
      t9 = xor(u7, t1);
      t10 = xor(t2, t24);
      t13 = xor(t2, r5);
      t3 = xor(t1, r5);
      t25 = xor(u2, t1);
      const r13 = xor(u1, u6);
      t17 = xor(u2, t19);
      t20 = xor(t24, r13);
      t4 = xor(u4, t8);
      const r17 = xor(u2, u5);
      const r18 = xor(u5, u6);
      const r19 = xor(u2, u4);
      td = xor(u0, r17);
      t6 = xor(t22, r17);
      t16 = xor(r13, r19);
      t27 = xor(t1, r18);
      t15 = xor(t10, t27);
      t14 = xor(t10, r18);
      t26 = xor(t3, t16);
    } else {
      t1 = xor(u0, u3);
      t2 = xor(u0, u5);
      t3 = xor(u0, u6);
      t4 = xor(u3, u5);
      const t5 = xor(u4, u6);
      t6 = xor(t1, t5);
      const t7 = xor(u1, u2);
      t8 = xor(u7, t6);
      t9 = xor(u7, t7);
      t10 = xor(t6, t7);
      const t11 = xor(u1, u5);
      const t12 = xor(u2, u5);
      t13 = xor(t3, t4);
      t14 = xor(t6, t11);
      t15 = xor(t5, t11);
      t16 = xor(t5, t12);
      t17 = xor(t9, t16);
      const t18 = xor(u3, u7);
      t19 = xor(t7, t18);
      t20 = xor(t1, t19);
      const t21 = xor(u6, u7);
      t22 = xor(t7, t21);
      t23 = xor(t2, t22);
      t24 = xor(t2, t10);
      t25 = xor(t20, t17);
      t26 = xor(t3, t16);
      t27 = xor(t1, t12);
      td = u7;
    }
    const m1 = and(t13, t6);
    const m6 = and(t3, t16);
    const m11 = and(t1, t15);
    const m13 = xor(and(t4, t27), m11);
    const m15 = xor(and(t2, t10), m11);
    const m20 = xor(xor(xor(t14, m1), and(t23, t8)), m13);
    const m21 = xor(xor(xor(and(t19, td), m1), t24), m15);
    const m22 = xor(xor(xor(t26, m6), and(t22, t9)), m13);
    const m23 = xor(xor(xor(and(t20, t17), m6), m15), t25);
    const m25 = and(m22, m20);
    const m37 = xor(m21, and(xor(m20, m21), xor(m23, m25)));
    const m38 = xor(xor(m20, m25), or(m21, and(m20, m23)));
    const m39 = xor(m23, and(xor(m22, m23), xor(m21, m25)));
    const m40 = xor(xor(m22, m25), or(m23, and(m21, m22)));
    const m41 = xor(m38, m40);
    const m42 = xor(m37, m39);
    const m43 = xor(m37, m38);
    const m44 = xor(m39, m40);
    const m45 = xor(m42, m41);
    const m46 = and(m44, t6);
    const m47 = and(m40, t8);
    const m48 = and(m39, td);
    const m49 = and(m43, t16);
    const m50 = and(m38, t9);
    const m51 = and(m37, t17);
    const m52 = and(m42, t15);
    const m53 = and(m45, t27);
    const m54 = and(m41, t10);
    const m55 = and(m44, t13);
    const m56 = and(m40, t23);
    const m57 = and(m39, t19);
    const m58 = and(m43, t3);
    const m59 = and(m38, t22);
    const m60 = and(m37, t20);
    const m61 = and(m42, t1);
    const m62 = and(m45, t4);
    const m63 = and(m41, t2);
    if (inverse) {
      const q0 = xor(m52, m61);
      const q1 = xor(m58, m59);
      const q2 = xor(m54, m62);
      const q3 = xor(m47, m50);
      const q4 = xor(m48, m56);
      const q5 = xor(m46, m51);
      const q6 = xor(m49, m60);
      const q7 = xor(q0, q1);
      const q8 = xor(m50, m53);
      const q9 = xor(m55, m63);
      const q10 = xor(m57, q4);
      const q11 = xor(q0, q3);
      const q12 = xor(m46, m48);
      const q13 = xor(m49, m51);
      const q14 = xor(m49, m62);
      const q15 = xor(m54, m59);
      const q16 = xor(m57, m61);
      const q17 = xor(m58, q2);
      const q18 = xor(m63, q5);
      const q19 = xor(q2, q3);
      const q20 = xor(q4, q6);
      const q22 = xor(q2, q7);
      const q23 = xor(q7, q8);
      const q24 = xor(q5, q7);
      const q25 = xor(q6, q10);
      const q26 = xor(q9, q11);
      const q27 = xor(q10, q18);
      const q28 = xor(q11, q25);
      const q29 = xor(q15, q20);
      p7 = xor(q13, q22);
      p6 = xor(q26, q29);
      p5 = xor(q17, q28);
      p4 = xor(q12, q22);
      p3 = xor(q23, q27);
      p2 = xor(q19, q24);
      p1 = xor(q14, q23);
      p0 = xor(q9, q16);
    } else {
      const l0 = xor(m61, m62);
      const l1 = xor(m50, m56);
      const l2 = xor(m46, m48);
      const l3 = xor(m47, m55);
      const l4 = xor(m54, m58);
      const l5 = xor(m49, m61);
      const l6 = xor(m62, l5);
      const l7 = xor(m46, l3);
      const l8 = xor(m51, m59);
      const l9 = xor(m52, m53);
      const l10 = xor(m53, l4);
      const l11 = xor(m60, l2);
      const l12 = xor(m48, m51);
      const l13 = xor(m50, l0);
      const l14 = xor(m52, m61);
      const l15 = xor(m55, l1);
      const l16 = xor(m56, l0);
      const l17 = xor(m57, l1);
      const l18 = xor(m58, l8);
      const l19 = xor(m63, l4);
      const l20 = xor(l0, l1);
      const l21 = xor(l1, l7);
      const l22 = xor(l3, l12);
      const l23 = xor(l18, l2);
      const l24 = xor(l15, l9);
      const l25 = xor(l6, l10);
      const l26 = xor(l7, l9);
      const l27 = xor(l8, l10);
      const l28 = xor(l11, l14);
      const l29 = xor(l11, l17);
      p7 = xor(l6, l24);
      p6 = xor(l16, l26);
      p5 = xor(l19, l28);
      p4 = xor(l6, l21);
      p3 = xor(l20, l22);
      p2 = xor(l25, l29);
      p1 = xor(l13, l27);
      p0 = xor(l6, l23);
      if (mode == EXPAND) {
        p0 = v128.not(p0); p1 = v128.not(p1); p5 = v128.not(p5); p6 = v128.not(p6);
      }
    }
    if (mode == EXPAND) {
      const prev = rk + (<usize>(round - 1) << 7), next = rk + (<usize>round << 7);
      const rcon = <i32>unchecked(RCON[round - 1]);
      p0 = expandPlane(p0, prev, next, 0, rcon); p1 = expandPlane(p1, prev, next, 1, rcon);
      p2 = expandPlane(p2, prev, next, 2, rcon); p3 = expandPlane(p3, prev, next, 3, rcon);
      p4 = expandPlane(p4, prev, next, 4, rcon); p5 = expandPlane(p5, prev, next, 5, rcon);
      p6 = expandPlane(p6, prev, next, 6, rcon); p7 = expandPlane(p7, prev, next, 7, rcon);
      continue;
    }
    if (inverse) {
      p0 = invShiftRows(p0); p1 = invShiftRows(p1); p2 = invShiftRows(p2); p3 = invShiftRows(p3);
      p4 = invShiftRows(p4); p5 = invShiftRows(p5); p6 = invShiftRows(p6); p7 = invShiftRows(p7);
      const k = rk + (<usize>(10 - round) << 7);
      p0 = xor(p0, v128.load(k, 0)); p1 = xor(p1, v128.load(k, 16)); p2 = xor(p2, v128.load(k, 32)); p3 = xor(p3, v128.load(k, 48));
      p4 = xor(p4, v128.load(k, 64)); p5 = xor(p5, v128.load(k, 80)); p6 = xor(p6, v128.load(k, 96)); p7 = xor(p7, v128.load(k, 112));
      if (round == 10) break;
      // InvMixColumns (5.3.3): {0b}x^3 + {0d}x^2 + {09}x + {0e} = ({04}x^2 + {05}) times the forward
      // polynomial, so u = a ^ 4 (a ^ rotateRows2(a)) here and the forward MixColumns below.
      // 4 v, plane by plane: v6, v6^v7, v0^v7, v1^v6, v2^v6^v7, v3^v7, v4, v5.
      const v0 = xor(p0, rotateRows2(p0)), v1 = xor(p1, rotateRows2(p1)), v2 = xor(p2, rotateRows2(p2));
      const v3 = xor(p3, rotateRows2(p3)), v4 = xor(p4, rotateRows2(p4)), v5 = xor(p5, rotateRows2(p5));
      const v6 = xor(p6, rotateRows2(p6)), v7 = xor(p7, rotateRows2(p7)), v67 = xor(v6, v7);
      p0 = xor(p0, v6); p1 = xor(p1, v67); p2 = xor(p2, xor(v0, v7)); p3 = xor(p3, xor(v1, v6));
      p4 = xor(p4, xor(v2, v67)); p5 = xor(p5, xor(v3, v7)); p6 = xor(p6, v4); p7 = xor(p7, v5);
    } else if (round == 10) {
      p0 = shiftRows2(p0); p1 = shiftRows2(p1); p2 = shiftRows2(p2); p3 = shiftRows2(p3);
      p4 = shiftRows2(p4); p5 = shiftRows2(p5); p6 = shiftRows2(p6); p7 = shiftRows2(p7);
    }
    if (round < 10) {
      // MixColumns (5.1.3): out[r] = 2 a[r] ^ 3 a[r+1] ^ a[r+2] ^ a[r+3] = 2 t[r] ^ a[r+1] ^ t[r+2]
      // with t = a ^ a[r+1]. Doubling moves plane j to plane j + 1 and folds plane 7 back into
      // planes 0, 1, 3 and 4 (x^8 = x^4 + x^3 + x + 1). The four variants differ only in the
      // rotations (immediates of the shuffles): plain when decrypting, conjugated by SR^round when
      // encrypting (see the top of this file).
      switch (inverse ? 0 : round & 3) {
        case 1: {
          const b7 = columns1(rotateRows1(p7)), t7 = xor(p7, b7);
          let b = columns1(rotateRows1(p0)), t = xor(p0, b), prev = t;
          p0 = xor(xor(t7, b), columns2(rotateRows2(t)));
          b = columns1(rotateRows1(p1)); t = xor(p1, b);
          p1 = xor(xor(xor(prev, t7), b), columns2(rotateRows2(t))); prev = t;
          b = columns1(rotateRows1(p2)); t = xor(p2, b);
          p2 = xor(xor(prev, b), columns2(rotateRows2(t))); prev = t;
          b = columns1(rotateRows1(p3)); t = xor(p3, b);
          p3 = xor(xor(xor(prev, t7), b), columns2(rotateRows2(t))); prev = t;
          b = columns1(rotateRows1(p4)); t = xor(p4, b);
          p4 = xor(xor(xor(prev, t7), b), columns2(rotateRows2(t))); prev = t;
          b = columns1(rotateRows1(p5)); t = xor(p5, b);
          p5 = xor(xor(prev, b), columns2(rotateRows2(t))); prev = t;
          b = columns1(rotateRows1(p6)); t = xor(p6, b);
          p6 = xor(xor(prev, b), columns2(rotateRows2(t))); prev = t;
          p7 = xor(xor(prev, b7), columns2(rotateRows2(t7)));
          break;
        }
        case 2: {
          const b7 = columns2(rotateRows1(p7)), t7 = xor(p7, b7);
          let b = columns2(rotateRows1(p0)), t = xor(p0, b), prev = t;
          p0 = xor(xor(t7, b), rotateRows2(t));
          b = columns2(rotateRows1(p1)); t = xor(p1, b);
          p1 = xor(xor(xor(prev, t7), b), rotateRows2(t)); prev = t;
          b = columns2(rotateRows1(p2)); t = xor(p2, b);
          p2 = xor(xor(prev, b), rotateRows2(t)); prev = t;
          b = columns2(rotateRows1(p3)); t = xor(p3, b);
          p3 = xor(xor(xor(prev, t7), b), rotateRows2(t)); prev = t;
          b = columns2(rotateRows1(p4)); t = xor(p4, b);
          p4 = xor(xor(xor(prev, t7), b), rotateRows2(t)); prev = t;
          b = columns2(rotateRows1(p5)); t = xor(p5, b);
          p5 = xor(xor(prev, b), rotateRows2(t)); prev = t;
          b = columns2(rotateRows1(p6)); t = xor(p6, b);
          p6 = xor(xor(prev, b), rotateRows2(t)); prev = t;
          p7 = xor(xor(prev, b7), rotateRows2(t7));
          break;
        }
        case 3: {
          const b7 = columns3(rotateRows1(p7)), t7 = xor(p7, b7);
          let b = columns3(rotateRows1(p0)), t = xor(p0, b), prev = t;
          p0 = xor(xor(t7, b), columns2(rotateRows2(t)));
          b = columns3(rotateRows1(p1)); t = xor(p1, b);
          p1 = xor(xor(xor(prev, t7), b), columns2(rotateRows2(t))); prev = t;
          b = columns3(rotateRows1(p2)); t = xor(p2, b);
          p2 = xor(xor(prev, b), columns2(rotateRows2(t))); prev = t;
          b = columns3(rotateRows1(p3)); t = xor(p3, b);
          p3 = xor(xor(xor(prev, t7), b), columns2(rotateRows2(t))); prev = t;
          b = columns3(rotateRows1(p4)); t = xor(p4, b);
          p4 = xor(xor(xor(prev, t7), b), columns2(rotateRows2(t))); prev = t;
          b = columns3(rotateRows1(p5)); t = xor(p5, b);
          p5 = xor(xor(prev, b), columns2(rotateRows2(t))); prev = t;
          b = columns3(rotateRows1(p6)); t = xor(p6, b);
          p6 = xor(xor(prev, b), columns2(rotateRows2(t))); prev = t;
          p7 = xor(xor(prev, b7), columns2(rotateRows2(t7)));
          break;
        }
        default: {
          const b7 = rotateRows1(p7), t7 = xor(p7, b7);
          let b = rotateRows1(p0), t = xor(p0, b), prev = t;
          p0 = xor(xor(t7, b), rotateRows2(t));
          b = rotateRows1(p1); t = xor(p1, b);
          p1 = xor(xor(xor(prev, t7), b), rotateRows2(t)); prev = t;
          b = rotateRows1(p2); t = xor(p2, b);
          p2 = xor(xor(prev, b), rotateRows2(t)); prev = t;
          b = rotateRows1(p3); t = xor(p3, b);
          p3 = xor(xor(xor(prev, t7), b), rotateRows2(t)); prev = t;
          b = rotateRows1(p4); t = xor(p4, b);
          p4 = xor(xor(xor(prev, t7), b), rotateRows2(t)); prev = t;
          b = rotateRows1(p5); t = xor(p5, b);
          p5 = xor(xor(prev, b), rotateRows2(t)); prev = t;
          b = rotateRows1(p6); t = xor(p6, b);
          p6 = xor(xor(prev, b), rotateRows2(t)); prev = t;
          p7 = xor(xor(prev, b7), rotateRows2(t7));
        }
      }
    }
    if (!inverse) {
      const k = rk + (<usize>round << 7);
      p0 = xor(p0, v128.load(k, 0)); p1 = xor(p1, v128.load(k, 16)); p2 = xor(p2, v128.load(k, 32)); p3 = xor(p3, v128.load(k, 48));
      p4 = xor(p4, v128.load(k, 64)); p5 = xor(p5, v128.load(k, 80)); p6 = xor(p6, v128.load(k, 96)); p7 = xor(p7, v128.load(k, 112));
    }
  }
  if (mode == EXPAND) {
    foldSboxConstant(rk);
    return;
  }
  v128.store(planes, p0, 0); v128.store(planes, p1, 16); v128.store(planes, p2, 32); v128.store(planes, p3, 48);
  v128.store(planes, p4, 64); v128.store(planes, p5, 80); v128.store(planes, p6, 96); v128.store(planes, p7, 112);
}

/**
 * XORs the S-box constant 0x63 (planes 0, 1, 5 and 6) into round keys 1 to 10, for the S-box
 * without its XNOR gates. Encrypting, SubBytes' missing 0x63 is added back by the next round key;
 * decrypting, the state enters InvSubBytes already XOR 0x63, which is what the inverse circuit
 * without its XNOR gates expects, and round key 0 (plain) ends it.
 */
function foldSboxConstant(rk: usize): void {
  for (let round: usize = 1; round <= 10; round++) {
    for (let j: usize = 0; j < 8; j++) {
      if (((0x63 >> <i32>j) & 1) == 0) continue;
      const at = rk + (round << 7) + (j << 4);
      v128.store(at, v128.not(v128.load(at)));
    }
  }
}

/**
 * One plane of a key-expansion round: `substituted` is SubBytes of the previous round key's plane j;
 * the result, stored at `next` and returned, is the next round key's plane j.
 */
// @ts-ignore: decorator
@inline function expandPlane(substituted: v128, prev: usize, next: usize, j: usize, rcon: i32): v128 {
  // RotWord(w3) = bytes 13 14 15 12, broadcast to the four columns; Rcon goes into row 0.
  let t = i8x16.shuffle(substituted, substituted, 13, 14, 15, 12, 13, 14, 15, 12, 13, 14, 15, 12, 13, 14, 15, 12);
  const rconMask = i8x16.splat(<i8>-((rcon >> <i32>j) & 1));
  t = xor(t, and(rconMask, i32x4.splat(0xff)));
  const zero = v128.splat<i32>(0);
  let w = v128.load(prev + (j << 4));
  w = xor(w, i8x16.shuffle(w, zero, 16, 16, 16, 16, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
  w = xor(w, i8x16.shuffle(w, zero, 16, 16, 16, 16, 16, 16, 16, 16, 0, 1, 2, 3, 4, 5, 6, 7));
  w = xor(w, t);
  v128.store(next + (j << 4), w);
  return w;
}

/** Rewrites a FIPS-order schedule as the fixsliced encryption schedule: K_i -> SR^-i(K_i). */
function fixslice(rk: usize): void {
  for (let round: usize = 1; round < 10; round++) {
    const shift = round & 3; // SR^-i is InvShiftRows for i = 1 (mod 4), SR^2 for 2, ShiftRows for 3.
    if (shift == 0) continue;
    for (let j: usize = 0; j < 8; j++) {
      const at = rk + (round << 7) + (j << 4);
      const plane = v128.load(at);
      v128.store(at, shift == 1 ? invShiftRows(plane) : shift == 2 ? shiftRows2(plane) : shiftRows(plane));
    }
  }
}

/** Expands eight AES-128 keys (8 x 16 bytes at `keys`, one per lane) into an encryption schedule. */
export function expandKeys(keys: usize, rk: usize): void {
  transpose8(keys, rk);
  rounds<Expand>(rk, rk);
  fixslice(rk);
}

/** Runs eight blocks at `src` into `dst` (which may be `src`) through the cipher in `Mode`. */
// @ts-ignore: decorator
@inline function group<Mode>(rk: usize, src: usize, dst: usize): void {
  transpose8(src, dst);
  rounds<Mode>(rk, dst);
  transpose8(dst, dst);
}

/** Encrypts eight blocks at `src` into `dst` (which may be `src`) under the schedule `rk`. */
export function encrypt8(rk: usize, src: usize, dst: usize): void {
  group<Encrypt>(rk, src, dst);
}

const tail = memory.data(128, 16);

/**
 * Runs `count` blocks from `src` to `dst` through the cipher (ECB, the building block of the
 * modes), eight at a time; a final partial group goes through a scratch buffer that is wiped.
 */
function blocks<Mode>(rk: usize, src: usize, dst: usize, count: usize): void {
  const whole = count & ~7;
  for (let i: usize = 0; i < whole; i += 8) group<Mode>(rk, src + (i << 4), dst + (i << 4));
  const rest = (count - whole) << 4;
  if (rest == 0) return;
  memory.copy(tail, src + (whole << 4), rest);
  group<Mode>(rk, tail, tail);
  memory.copy(dst + (whole << 4), tail, rest);
  memory.fill(tail, 0, 128);
}

/** Encrypts `count` blocks (FIPS-197 5.1) from `src` to `dst` under the encryption schedule `rk`. */
export function encryptBlocks(rk: usize, src: usize, dst: usize, count: usize): void {
  blocks<Encrypt>(rk, src, dst, count);
}

/** Decrypts `count` blocks (FIPS-197 5.3) from `src` to `dst` with the key slot `rk` of expandKey(). */
export function decryptBlocks(rk: usize, src: usize, dst: usize, count: usize): void {
  blocks<Decrypt>(rk + ROUND_KEYS_SIZE, src, dst, count);
}

/** Bytes of a key slot from expandKey(): the encryption schedule, then the decryption one. */
export const SCHEDULE_SIZE: usize = 2 * ROUND_KEYS_SIZE;

/**
 * Expands one key (16 bytes at `key`) into all eight lanes of both schedules at `rk`
 * (SCHEDULE_SIZE bytes): encryption (fixsliced) first, decryption (FIPS order) after it.
 */
export function expandKey(key: usize, rk: usize): void {
  const k = v128.load(key), decryption = rk + ROUND_KEYS_SIZE;
  for (let lane: usize = 0; lane < 8; lane++) v128.store(tail + (lane << 4), k);
  transpose8(tail, decryption);
  rounds<Expand>(decryption, decryption);
  memory.copy(rk, decryption, ROUND_KEYS_SIZE);
  fixslice(rk);
  memory.fill(tail, 0, 128);
}
