// The ISIM side of AKA (TS 33.102 clause 6.3.3, Annex C.2) on node:crypto's AES-128-ECB: a peer for
// akacore's Isim. One long-lived cipher for the subscriber; per challenge TEMP in one update(), then
// OUT1 (f1) and OUT2 (f2, f5) in one 32-byte update() and OUT3, OUT4 (CK, IK) in another once the
// MAC has passed. Same checks in the same order: MAC-A, SQN (Δ, L, SEQ_MS array). OPc given.
import { createCipheriv, timingSafeEqual } from 'node:crypto';

const C = [0, 1, 2, 4, 8].map((last) => { const b = Buffer.alloc(16); b[15] = last; return b; });

function rot(block, bytes) {
  return Buffer.concat([block.subarray(bytes), block.subarray(0, bytes)]);
}

function xor(a, b) {
  const out = Buffer.allocUnsafe(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ^ b[i];
  return out;
}

/** A node:crypto ISIM with Annex C.2's array, Δ = 2^28 and L = 2^20, IND 5 bits. */
export class NodeIsim {
  constructor(k, opc) {
    this.opc = Buffer.from(opc);
    this.cipher = createCipheriv('aes-128-ecb', k, null).setAutoPadding(false);
    this.seqMs = new Array(32).fill(0);
  }

  #out(temp, r, c) {
    return xor(rot(xor(temp, this.opc), r), c);
  }

  authenticate(rand, autn) {
    if (rand.length !== 16 || autn.length !== 16) return { ok: false, reason: 'malformed' };
    const opc = this.opc;
    const temp = this.cipher.update(xor(rand, opc));
    const out2In = xor(this.#out(temp, 0, C[1]), Buffer.alloc(16));
    const [e2] = [this.cipher.update(out2In)];
    const out2 = xor(e2, opc);
    const ak = out2.subarray(0, 6), res = out2.subarray(8, 16);
    const sqn = xor(autn.subarray(0, 6), ak);
    const amf = autn.subarray(6, 8);
    const in1 = Buffer.concat([sqn, amf, sqn, amf]);
    const out1 = xor(this.cipher.update(xor(xor(temp, rot(xor(in1, opc), 8)), C[0])), opc);
    if (!timingSafeEqual(out1.subarray(0, 8), autn.subarray(8, 16))) return { ok: false, reason: 'mac' };
    const value = sqn.readUIntBE(0, 6), seq = Math.floor(value / 32), ind = value % 32;
    let highest = 0;
    for (let i = 0; i < 32; i++) if (this.seqMs[i] > highest) highest = this.seqMs[i];
    if (seq - highest > 2 ** 28 || highest - seq >= 2 ** 20 || seq <= this.seqMs[ind]) {
      return { ok: false, reason: 'sync' };
    }
    this.seqMs[ind] = seq;
    const keys = this.cipher.update(Buffer.concat([this.#out(temp, 4, C[2]), this.#out(temp, 8, C[3])]));
    return { ok: true, res, ck: xor(keys.subarray(0, 16), opc), ik: xor(keys.subarray(16), opc), sqn };
  }
}
