// An independent Milenage (TS 35.206) for differential tests: node:crypto's AES-128 and BigInt
// rotations, sharing no code with the library.
import { createCipheriv } from 'node:crypto';

export interface ReferenceConstants {
  c: Uint8Array[]; // c1..c5
  r: number[]; // r1..r5
}

export const REFERENCE_DEFAULTS: ReferenceConstants = {
  c: [0, 1, 2, 4, 8].map((last) => Uint8Array.from({ length: 16 }, (_, i) => (i === 15 ? last : 0))),
  r: [64, 0, 32, 64, 96],
};

function aes(key: Uint8Array, block: Uint8Array): Uint8Array {
  return createCipheriv('aes-128-ecb', key, null).setAutoPadding(false).update(block);
}

function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((v, i) => v ^ b[i]!);
}

function toBig(bytes: Uint8Array): bigint {
  return BigInt('0x' + Buffer.from(bytes).toString('hex'));
}

function fromBig(value: bigint): Uint8Array {
  return Buffer.from(value.toString(16).padStart(32, '0'), 'hex');
}

const MASK = (1n << 128n) - 1n;

/** rot(x, r): cyclic rotation of the 128-bit x by r bits towards the most significant end. */
function rot(x: Uint8Array, r: number): Uint8Array {
  const v = toBig(x);
  const n = BigInt(r);
  return fromBig(((v << n) | (v >> (128n - n))) & MASK);
}

export function referenceOpc(k: Uint8Array, op: Uint8Array): Uint8Array {
  return xor(aes(k, op), op);
}

export function referenceMilenage(
  k: Uint8Array, opc: Uint8Array, rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array,
  constants: ReferenceConstants = REFERENCE_DEFAULTS,
) {
  const temp = aes(k, xor(rand, opc));
  const in1 = new Uint8Array([...sqn, ...amf, ...sqn, ...amf]);
  const out1 = xor(aes(k, xor(xor(temp, rot(xor(in1, opc), constants.r[0]!)), constants.c[0]!)), opc);
  const out = [2, 3, 4, 5].map((i) =>
    xor(aes(k, xor(rot(xor(temp, opc), constants.r[i - 1]!), constants.c[i - 1]!)), opc),
  );
  const [out2, out3, out4, out5] = out as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  return {
    macA: out1.slice(0, 8), macS: out1.slice(8, 16), res: out2.slice(8, 16), ak: out2.slice(0, 6),
    ck: out3, ik: out4, akStar: out5.slice(0, 6),
  };
}
