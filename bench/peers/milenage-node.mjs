// Milenage (TS 35.206) on node:crypto's AES-128-ECB (OpenSSL, AES-NI where the CPU has it), in the
// two strongest forms we know for it. Both keep one long-lived cipher per subscriber (a key
// expansion per subscriber, not per block) and write akacore's packed output columns.
//
//   perVector: per vector, TEMP in one update() and OUT1..OUT4's four inputs in one 64-byte update()
//              (2 crossings into OpenSSL per vector, 5 AES blocks).
//   bulk:      per subscriber, every TEMP in one update(), then every OUT1..OUT4 input in another
//              (2 crossings per subscriber, whatever its number of vectors).
//
// OPc given. TEMP = E_K(RAND ^ OPc); OUT1 = E_K(TEMP ^ rot(IN1 ^ OPc, 64) ^ c1) ^ OPc with
// IN1 = SQN || AMF || SQN || AMF; OUTi = E_K(rot(TEMP ^ OPc, ri) ^ ci) ^ OPc for i = 2, 3, 4 with
// r2 = 0, r3 = 32, r4 = 64 bits and c2, c3, c4 = 1, 2, 4 in the last byte. rot(x, r) rotates towards
// the most significant end, so byte i of rot(x, 8m) is byte (i + m) mod 16 of x.
import { createCipheriv } from 'node:crypto';
import { layout, outputColumns } from './columns.mjs';

function subscriberCipher(k, s) {
  const cipher = createCipheriv('aes-128-ecb', k.subarray(16 * s, 16 * s + 16), null);
  cipher.setAutoPadding(false);
  return cipher;
}

/** Writes the four 16-byte inputs of OUT1..OUT4 for record r at dst[d..d+64). */
function outInputs(dst, d, temp, t, opc, o, sqn, amf, r) {
  const sp = 6 * r, ap = 2 * r;
  // IN1 has period 8, so byte i of rot(IN1 ^ OPc, 64) is IN1[i & 7] ^ OPc[(i + 8) & 15].
  for (let i = 0; i < 6; i++) {
    const v = sqn[sp + i];
    dst[d + i] = temp[t + i] ^ v ^ opc[o + i + 8];
    dst[d + i + 8] = temp[t + i + 8] ^ v ^ opc[o + i];
  }
  for (let i = 6; i < 8; i++) {
    const v = amf[ap + i - 6];
    dst[d + i] = temp[t + i] ^ v ^ opc[o + i + 8];
    dst[d + i + 8] = temp[t + i + 8] ^ v ^ opc[o + i];
  }
  // U = TEMP ^ OPc; OUT2's input is U ^ c2, OUT3's rot(U, 32) ^ c3, OUT4's rot(U, 64) ^ c4.
  for (let i = 0; i < 16; i++) {
    const u = temp[t + i] ^ opc[o + i];
    dst[d + 16 + i] = u;
    dst[d + 32 + ((i + 12) & 15)] = u;
    dst[d + 48 + ((i + 8) & 15)] = u;
  }
  dst[d + 31] ^= 1;
  dst[d + 47] ^= 2;
  dst[d + 63] ^= 4;
}

/** Reads OUT1..OUT4 (E_K outputs at outs[b..b+64), before the ^ OPc) into the columns of record r. */
function extract(outs, b, opc, o, sqn, amf, r, columns) {
  const { xres, ck, ik, ak, autn } = columns;
  const sp = 6 * r, ap = 2 * r, v = 16 * r;
  for (let i = 0; i < 6; i++) {
    const a = outs[b + 16 + i] ^ opc[o + i];
    ak[sp + i] = a;
    autn[v + i] = sqn[sp + i] ^ a;
  }
  autn[v + 6] = amf[ap];
  autn[v + 7] = amf[ap + 1];
  for (let i = 0; i < 8; i++) {
    autn[v + 8 + i] = outs[b + i] ^ opc[o + i];
    xres[8 * r + i] = outs[b + 24 + i] ^ opc[o + 8 + i];
  }
  for (let i = 0; i < 16; i++) {
    const c = opc[o + i];
    ck[v + i] = outs[b + 32 + i] ^ c;
    ik[v + i] = outs[b + 48 + i] ^ c;
  }
}

/** node:crypto, one cipher per subscriber, two update() calls per vector. */
export function milenageNodePerVector(input) {
  const { subscribers, n, counts, amf } = layout(input);
  const { k, opc, rand, sqn } = input;
  const columns = outputColumns(n, rand);
  const x = Buffer.allocUnsafe(16);
  const blocks = Buffer.allocUnsafe(64);
  let r = 0;
  for (let s = 0; s < subscribers; s++) {
    const cipher = subscriberCipher(k, s);
    const o = 16 * s;
    for (const end = r + counts[s]; r < end; r++) {
      const rp = 16 * r;
      for (let i = 0; i < 16; i++) x[i] = rand[rp + i] ^ opc[o + i];
      const temp = cipher.update(x);
      outInputs(blocks, 0, temp, 0, opc, o, sqn, amf, r);
      extract(cipher.update(blocks), 0, opc, o, sqn, amf, r, columns);
    }
  }
  return columns;
}

/** node:crypto, one cipher per subscriber, two bulk update() calls per subscriber. */
export function milenageNodeBulk(input) {
  const { subscribers, n, counts, amf } = layout(input);
  const { k, opc, rand, sqn } = input;
  const columns = outputColumns(n, rand);
  let most = 0;
  for (let s = 0; s < subscribers; s++) most = Math.max(most, counts[s]);
  const xs = Buffer.allocUnsafe(16 * most);
  const blocks = Buffer.allocUnsafe(64 * most);
  let first = 0;
  for (let s = 0; s < subscribers; s++) {
    const c = counts[s];
    if (c === 0) continue;
    const cipher = subscriberCipher(k, s);
    const o = 16 * s;
    for (let j = 0; j < c; j++) {
      const rp = 16 * (first + j);
      for (let i = 0; i < 16; i++) xs[16 * j + i] = rand[rp + i] ^ opc[o + i];
    }
    const temps = cipher.update(xs.subarray(0, 16 * c));
    for (let j = 0; j < c; j++) outInputs(blocks, 64 * j, temps, 16 * j, opc, o, sqn, amf, first + j);
    const outs = cipher.update(blocks.subarray(0, 64 * c));
    for (let j = 0; j < c; j++) extract(outs, 64 * j, opc, o, sqn, amf, first + j, columns);
    first += c;
  }
  return columns;
}
