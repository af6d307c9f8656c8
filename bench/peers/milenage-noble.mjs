// Milenage (TS 35.206) on @noble/ciphers' AES in its fastest form: the low-level `unsafe` exports
// of @noble/ciphers/aes.js (v2): expandKeyLE(key) -> Uint32Array round keys, once per subscriber,
// and encrypt(xk, s0, s1, s2, s3) -> { s0, s1, s2, s3 } on little-endian state words, so no
// Uint8Array is created per block: all the Milenage XORs and rotations are done on words.
//
// Words are little-endian views of the 16-byte blocks (see words() in columns.mjs).
import { unsafe } from '@noble/ciphers/aes.js';
import { assertLittleEndian, layout, outputColumns, words } from './columns.mjs';

const { expandKeyLE, encrypt } = unsafe;
assertLittleEndian('milenage-noble peer');

/** @noble/ciphers: round keys expanded once per subscriber, word-level Milenage per vector. */
export function milenageNoble(input) {
  const { subscribers, n, counts, amf } = layout(input);
  const { k, sqn } = input;
  const columns = outputColumns(n, input.rand);
  const rand32 = words(input.rand);
  const opc32 = words(input.opc);
  const xres32 = words(columns.xres);
  const ck32 = words(columns.ck);
  const ik32 = words(columns.ik);
  const autn32 = words(columns.autn);
  const ak = columns.ak;
  let r = 0;
  for (let s = 0; s < subscribers; s++) {
    const xk = expandKeyLE(k.subarray(16 * s, 16 * s + 16));
    const o0 = opc32[4 * s], o1 = opc32[4 * s + 1], o2 = opc32[4 * s + 2], o3 = opc32[4 * s + 3];
    for (const end = r + counts[s]; r < end; r++) {
      const w = 4 * r;
      const t = encrypt(xk, rand32[w] ^ o0, rand32[w + 1] ^ o1, rand32[w + 2] ^ o2, rand32[w + 3] ^ o3);
      // IN1 = SQN || AMF || SQN || AMF as words (i0, i1, i0, i1).
      const sp = 6 * r, ap = 2 * r;
      const i0 = sqn[sp] | (sqn[sp + 1] << 8) | (sqn[sp + 2] << 16) | (sqn[sp + 3] << 24);
      const i1 = sqn[sp + 4] | (sqn[sp + 5] << 8) | (amf[ap] << 16) | (amf[ap + 1] << 24);
      // OUT1 = E(TEMP ^ rot(IN1 ^ OPc, 64) ^ c1) ^ OPc, c1 = 0.
      const out1 = encrypt(xk, t.s0 ^ i0 ^ o2, t.s1 ^ i1 ^ o3, t.s2 ^ i0 ^ o0, t.s3 ^ i1 ^ o1);
      const u0 = t.s0 ^ o0, u1 = t.s1 ^ o1, u2 = t.s2 ^ o2, u3 = t.s3 ^ o3;
      const out2 = encrypt(xk, u0, u1, u2, u3 ^ 0x01000000);
      const out3 = encrypt(xk, u1, u2, u3, u0 ^ 0x02000000);
      const out4 = encrypt(xk, u2, u3, u0, u1 ^ 0x04000000);
      // AK = OUT2[0..5], RES = OUT2[8..15], CK = OUT3, IK = OUT4, MAC-A = OUT1[0..7].
      const a0 = out2.s0 ^ o0, a1 = (out2.s1 ^ o1) & 0xffff;
      xres32[2 * r] = out2.s2 ^ o2;
      xres32[2 * r + 1] = out2.s3 ^ o3;
      ck32[w] = out3.s0 ^ o0; ck32[w + 1] = out3.s1 ^ o1; ck32[w + 2] = out3.s2 ^ o2; ck32[w + 3] = out3.s3 ^ o3;
      ik32[w] = out4.s0 ^ o0; ik32[w + 1] = out4.s1 ^ o1; ik32[w + 2] = out4.s2 ^ o2; ik32[w + 3] = out4.s3 ^ o3;
      // AUTN = SQN ^ AK || AMF || MAC-A.
      autn32[w] = i0 ^ a0;
      autn32[w + 1] = i1 ^ a1;
      autn32[w + 2] = out1.s0 ^ o0;
      autn32[w + 3] = out1.s1 ^ o1;
      ak[sp] = a0; ak[sp + 1] = a0 >>> 8; ak[sp + 2] = a0 >>> 16; ak[sp + 3] = a0 >>> 24;
      ak[sp + 4] = a1; ak[sp + 5] = a1 >>> 8;
    }
  }
  return columns;
}
