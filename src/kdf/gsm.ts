// The GSM / UMTS conversion functions of TS 33.102 clause 6.8.1.2 (and their use in 6.8.2):
// c2 (SRES from XRES), c3 (Kc from CK and IK), and the reverse c4 (CK from Kc) and c5 (IK from Kc).
// Each is a few XORs of whole words, with no branch on the key bytes; too small to be worth a
// call into the WebAssembly core.

import { checkBytes } from '../bytes.js';
import { checkUint8Array } from '../io.js';

function xorInto(out: Uint8Array, part: Uint8Array): void {
  for (let i = 0; i < out.length; i++) out[i]! ^= part[i]!;
}

/** A copy of `bytes` (a Node.js Buffer's slice() would share memory with the caller's array). */
function copyOf(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/**
 * c2: SRES (4 bytes) from XRES or RES of 4 to 16 bytes (TS 33.102 clause 6.8.1.2): XRES is padded
 * with zeros to 128 bits and its four 32-bit words are XORed together.
 */
export function c2(xres: Uint8Array): Uint8Array {
  checkUint8Array('xres', xres);
  if (xres.length < 4 || xres.length > 16) {
    throw new RangeError(`xres must be 4 to 16 bytes (32 to 128 bits, TS 33.102 clause 6.8.1.2), got ${xres.length}`);
  }
  const padded = new Uint8Array(16);
  padded.set(xres);
  const sres = padded.slice(0, 4);
  for (let at = 4; at < 16; at += 4) xorInto(sres, padded.subarray(at, at + 4));
  padded.fill(0);
  return sres;
}

/** c3: Kc (8 bytes) = CK1 xor CK2 xor IK1 xor IK2 on the 64-bit halves of CK and IK (TS 33.102 clause 6.8.1.2). */
export function c3(ck: Uint8Array, ik: Uint8Array): Uint8Array {
  checkBytes('ck', ck, 16);
  checkBytes('ik', ik, 16);
  const kc = copyOf(ck.subarray(0, 8));
  xorInto(kc, ck.subarray(8));
  xorInto(kc, ik.subarray(0, 8));
  xorInto(kc, ik.subarray(8));
  return kc;
}

/** c4: CK (16 bytes) = Kc || Kc (TS 33.102 clause 6.8.1.2). */
export function c4(kc: Uint8Array): Uint8Array {
  checkBytes('kc', kc, 8);
  const ck = new Uint8Array(16);
  ck.set(kc, 0);
  ck.set(kc, 8);
  return ck;
}

/** c5: IK (16 bytes) = (Kc1 xor Kc2) || Kc || (Kc1 xor Kc2), Kc1 and Kc2 its 32-bit halves (TS 33.102 clause 6.8.1.2). */
export function c5(kc: Uint8Array): Uint8Array {
  checkBytes('kc', kc, 8);
  const half = copyOf(kc.subarray(0, 4));
  xorInto(half, kc.subarray(4));
  const ik = new Uint8Array(16);
  ik.set(half, 0);
  ik.set(kc, 4);
  ik.set(half, 12);
  half.fill(0);
  return ik;
}
