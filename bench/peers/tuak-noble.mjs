// TUAK (TS 35.231) in plain JavaScript on @noble/hashes' keccakP, a peer for bench/tuak.mjs: the
// input block of each function is built byte by byte (values byte-reversed, see assembly/tuak.ts
// for the layout) in a 200-byte state viewed as the Uint32Array that keccakP permutes in place.
import { keccakP } from '@noble/hashes/sha3.js';
import { assertLittleEndian } from './columns.mjs';

assertLittleEndian('tuak-noble peer');

const ALGONAME = new TextEncoder().encode('TUAK1.0');
const INSTANCE_LENGTH = { 4: 0x00, 8: 0x08, 16: 0x10, 32: 0x20 };

function putReversed(state, at, bytes) {
  for (let i = 0; i < bytes.length; i++) state[at + i] = bytes[bytes.length - 1 - i];
}

function takeReversed(state, at, length) {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = state[at + length - 1 - i];
  return out;
}

/** One subscriber: K (16 or 32 bytes), TOPc, sizes in bytes { mac, res, ck, ik }, iterations. */
export class NobleTuak {
  constructor(k, topc, sizes, iterations = 1) {
    this.sizes = sizes;
    this.iterations = iterations;
    this.template = new Uint8Array(200);
    putReversed(this.template, 0, topc);
    putReversed(this.template, 33, ALGONAME);
    putReversed(this.template, 64, k);
    this.template[96] = 0x1f;
    this.template[135] = 0x80;
    const longKey = k.length === 32 ? 1 : 0;
    this.instances = {
      f1: INSTANCE_LENGTH[sizes.mac] | longKey,
      f1star: 0x80 | INSTANCE_LENGTH[sizes.mac] | longKey,
      f2345: 0x40 | INSTANCE_LENGTH[sizes.res] | (sizes.ck === 32 ? 4 : 0) | (sizes.ik === 32 ? 2 : 0) | longKey,
      f5star: 0xc0 | longKey,
    };
    this.state = new Uint8Array(200);
    this.lanes = new Uint32Array(this.state.buffer);
  }

  #permute(instance, rand, sqn, amf) {
    const state = this.state;
    state.set(this.template);
    state[32] = instance;
    putReversed(state, 40, rand);
    if (sqn) {
      putReversed(state, 56, amf);
      putReversed(state, 58, sqn);
    }
    for (let i = 0; i < this.iterations; i++) keccakP(this.lanes);
    return state;
  }

  /** Every output of f1..f5*, four permutations. */
  compute(rand, sqn, amf) {
    const { mac, res, ck, ik } = this.sizes;
    const macA = takeReversed(this.#permute(this.instances.f1, rand, sqn, amf), 0, mac);
    const macS = takeReversed(this.#permute(this.instances.f1star, rand, sqn, amf), 0, mac);
    const s = this.#permute(this.instances.f2345, rand);
    const out = { macA, macS, res: takeReversed(s, 0, res), ck: takeReversed(s, 32, ck), ik: takeReversed(s, 64, ik),
      ak: takeReversed(s, 96, 6) };
    out.akStar = takeReversed(this.#permute(this.instances.f5star, rand), 96, 6);
    return out;
  }
}
