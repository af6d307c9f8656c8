// Milenage (TS 35.206) on node:crypto's AES-128-ECB (OpenSSL, AES-NI where the CPU has it), in the
// two strongest forms we know for it. Both keep one long-lived cipher per subscriber (a key
// expansion per subscriber, not per block), do the Milenage XORs and rotations on 32-bit words
// (see words() in columns.mjs) and write akacore's packed output columns.
//
//   perVector: per vector, TEMP in one update() and OUT1..OUT4's four inputs in one 64-byte update()
//              (2 crossings into OpenSSL per vector, 5 AES blocks).
//   bulk:      per subscriber, every TEMP in one update(), then every OUT1..OUT4 input in another
//              (2 crossings per subscriber, whatever its number of vectors).
//
// OPc given. TEMP = E_K(RAND ^ OPc); OUT1 = E_K(TEMP ^ rot(IN1 ^ OPc, 64) ^ c1) ^ OPc with
// IN1 = SQN || AMF || SQN || AMF; OUTi = E_K(rot(TEMP ^ OPc, ri) ^ ci) ^ OPc for i = 2, 3, 4 with
// r2 = 0, r3 = 32, r4 = 64 bits and c1..c4 = 0, 1, 2, 4 in the last byte.
// MAC-A = OUT1[0..7], AK = OUT2[0..5], RES = OUT2[8..15], CK = OUT3, IK = OUT4.
import { createCipheriv } from 'node:crypto';
import { assertLittleEndian, layout, outputColumns, words } from './columns.mjs';

assertLittleEndian('milenage-node peer');

function subscriberCipher(k, s) {
  const cipher = createCipheriv('aes-128-ecb', k.subarray(16 * s, 16 * s + 16), null);
  cipher.setAutoPadding(false);
  return cipher;
}

/** The per-call state both forms share: input and output columns as words. */
function prepare(input) {
  const { subscribers, n, counts, amf } = layout(input);
  const columns = outputColumns(n, input.rand);
  return {
    subscribers, counts, amf, columns, sqn: input.sqn, k: input.k,
    rand32: words(input.rand), opc32: words(input.opc),
    xres32: words(columns.xres), ck32: words(columns.ck), ik32: words(columns.ik), autn32: words(columns.autn),
  };
}

/** IN1 = SQN || AMF || SQN || AMF of record r as its two distinct words (i0, i1, i0, i1). */
function in1Low(sqn, r) {
  const sp = 6 * r;
  return sqn[sp] | (sqn[sp + 1] << 8) | (sqn[sp + 2] << 16) | (sqn[sp + 3] << 24);
}
function in1High(sqn, amf, r) {
  const sp = 6 * r, ap = 2 * r;
  return sqn[sp + 4] | (sqn[sp + 5] << 8) | (amf[ap] << 16) | (amf[ap + 1] << 24);
}

/** Writes the 64 bytes of OUT1..OUT4 inputs at b32[d..d+16) from TEMP words t32[t..t+4). */
function outInputs(b32, d, t32, t, i0, i1, o0, o1, o2, o3) {
  const t0 = t32[t], t1 = t32[t + 1], t2 = t32[t + 2], t3 = t32[t + 3];
  // TEMP ^ rot(IN1 ^ OPc, 64) ^ c1
  b32[d] = t0 ^ i0 ^ o2; b32[d + 1] = t1 ^ i1 ^ o3; b32[d + 2] = t2 ^ i0 ^ o0; b32[d + 3] = t3 ^ i1 ^ o1;
  // U = TEMP ^ OPc: U ^ c2, rot(U, 32) ^ c3, rot(U, 64) ^ c4
  const u0 = t0 ^ o0, u1 = t1 ^ o1, u2 = t2 ^ o2, u3 = t3 ^ o3;
  b32[d + 4] = u0; b32[d + 5] = u1; b32[d + 6] = u2; b32[d + 7] = u3 ^ 0x01000000;
  b32[d + 8] = u1; b32[d + 9] = u2; b32[d + 10] = u3; b32[d + 11] = u0 ^ 0x02000000;
  b32[d + 12] = u2; b32[d + 13] = u3; b32[d + 14] = u0; b32[d + 15] = u1 ^ 0x04000000;
}

/** Reads E_K(...) of OUT1..OUT4 at q32[d..d+16) (before the ^ OPc) into the columns of record r. */
function extract(st, q32, d, r, i0, i1, o0, o1, o2, o3) {
  const { xres32, ck32, ik32, autn32 } = st, ak = st.columns.ak;
  const w = 4 * r, sp = 6 * r;
  const a0 = q32[d + 4] ^ o0, a1 = (q32[d + 5] ^ o1) & 0xffff;
  xres32[2 * r] = q32[d + 6] ^ o2; xres32[2 * r + 1] = q32[d + 7] ^ o3;
  ck32[w] = q32[d + 8] ^ o0; ck32[w + 1] = q32[d + 9] ^ o1; ck32[w + 2] = q32[d + 10] ^ o2; ck32[w + 3] = q32[d + 11] ^ o3;
  ik32[w] = q32[d + 12] ^ o0; ik32[w + 1] = q32[d + 13] ^ o1; ik32[w + 2] = q32[d + 14] ^ o2; ik32[w + 3] = q32[d + 15] ^ o3;
  // AUTN = SQN ^ AK || AMF || MAC-A
  autn32[w] = i0 ^ a0; autn32[w + 1] = i1 ^ a1; autn32[w + 2] = q32[d] ^ o0; autn32[w + 3] = q32[d + 1] ^ o1;
  ak[sp] = a0; ak[sp + 1] = a0 >>> 8; ak[sp + 2] = a0 >>> 16; ak[sp + 3] = a0 >>> 24;
  ak[sp + 4] = a1; ak[sp + 5] = a1 >>> 8;
}

/** node:crypto, one cipher per subscriber, two update() calls per vector. */
export function milenageNodePerVector(input) {
  const st = prepare(input);
  const { subscribers, counts, amf, sqn, k, rand32, opc32 } = st;
  const x = Buffer.allocUnsafeSlow(16), x32 = words(x);
  const blocks = Buffer.allocUnsafeSlow(64), b32 = words(blocks);
  let r = 0;
  for (let s = 0; s < subscribers; s++) {
    const cipher = subscriberCipher(k, s);
    const o0 = opc32[4 * s], o1 = opc32[4 * s + 1], o2 = opc32[4 * s + 2], o3 = opc32[4 * s + 3];
    for (const end = r + counts[s]; r < end; r++) {
      const w = 4 * r;
      x32[0] = rand32[w] ^ o0; x32[1] = rand32[w + 1] ^ o1; x32[2] = rand32[w + 2] ^ o2; x32[3] = rand32[w + 3] ^ o3;
      const i0 = in1Low(sqn, r), i1 = in1High(sqn, amf, r);
      outInputs(b32, 0, words(cipher.update(x)), 0, i0, i1, o0, o1, o2, o3);
      extract(st, words(cipher.update(blocks)), 0, r, i0, i1, o0, o1, o2, o3);
    }
  }
  return st.columns;
}

/** node:crypto, one cipher per subscriber, two bulk update() calls per subscriber. */
export function milenageNodeBulk(input) {
  const st = prepare(input);
  const { subscribers, counts, amf, sqn, k, rand32, opc32 } = st;
  let most = 0;
  for (let s = 0; s < subscribers; s++) most = Math.max(most, counts[s]);
  const xs = Buffer.allocUnsafeSlow(16 * most), xs32 = words(xs);
  const blocks = Buffer.allocUnsafeSlow(64 * most), b32 = words(blocks);
  let first = 0;
  for (let s = 0; s < subscribers; s++) {
    const c = counts[s];
    if (c === 0) continue;
    const cipher = subscriberCipher(k, s);
    const o0 = opc32[4 * s], o1 = opc32[4 * s + 1], o2 = opc32[4 * s + 2], o3 = opc32[4 * s + 3];
    for (let j = 0; j < c; j++) {
      const w = 4 * (first + j), x = 4 * j;
      xs32[x] = rand32[w] ^ o0; xs32[x + 1] = rand32[w + 1] ^ o1; xs32[x + 2] = rand32[w + 2] ^ o2; xs32[x + 3] = rand32[w + 3] ^ o3;
    }
    const t32 = words(cipher.update(xs.subarray(0, 16 * c)));
    for (let j = 0; j < c; j++) {
      const r = first + j;
      outInputs(b32, 16 * j, t32, 4 * j, in1Low(sqn, r), in1High(sqn, amf, r), o0, o1, o2, o3);
    }
    const q32 = words(cipher.update(blocks.subarray(0, 64 * c)));
    for (let j = 0; j < c; j++) {
      const r = first + j;
      extract(st, q32, 16 * j, r, in1Low(sqn, r), in1High(sqn, amf, r), o0, o1, o2, o3);
    }
    first += c;
  }
  return st.columns;
}
