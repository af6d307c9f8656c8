// An independent TUAK (TS 35.231) for differential tests, written bit by bit from the spec's
// description on @noble/hashes' keccakP, sharing no code with the library: the 1600-bit string s of
// Annex C holds bit i at bit i mod 8 of byte i div 8, and every value goes in, and comes out, with
// its last (least significant) bit at the lowest position of its field (clause 5.2).
import { keccakP } from '@noble/hashes/sha3.js';

export interface ReferenceTuakParameters {
  macBits: number;
  resBits: number;
  ckBits: number;
  ikBits: number;
  iterations: number;
}

/** The bits of `bytes`, most significant bit of byte 0 first (the 3GPP numbering). */
function bitsOf(bytes: Uint8Array): number[] {
  const bits: number[] = [];
  for (const byte of bytes) for (let j = 7; j >= 0; j--) bits.push((byte >> j) & 1);
  return bits;
}

function bytesOf(bits: number[]): Uint8Array {
  const bytes = new Uint8Array(bits.length / 8);
  bits.forEach((bit, i) => { bytes[i >> 3]! |= bit << (7 - (i & 7)); });
  return bytes;
}

class KeccakString {
  readonly bytes = new Uint8Array(200);
  set(i: number, bit: number): void {
    this.bytes[i >> 3]! |= bit << (i & 7);
  }
  get(i: number): number {
    return (this.bytes[i >> 3]! >> (i & 7)) & 1;
  }
  /** Places value V of n bits at s[at .. at + n - 1] as s[at + j] = V[n - 1 - j]. */
  place(at: number, value: number[]): void {
    value.forEach((bit, i) => this.set(at + value.length - 1 - i, bit));
  }
  /** The n-bit value V with V[n - 1 - j] = s[at + j]. */
  take(at: number, n: number): Uint8Array {
    const bits = Array.from({ length: n }, (_, i) => this.get(at + n - 1 - i));
    return bytesOf(bits);
  }
  permute(iterations: number): void {
    const lanes = new Uint32Array(this.bytes.buffer);
    for (let i = 0; i < iterations; i++) keccakP(lanes);
  }
}

/** INSTANCE as the spec writes it, eight bits from the most significant. */
const OUTPUT_LENGTH_BITS: Record<number, string> = { 32: '000', 64: '001', 128: '010', 256: '100' };
function instanceBits(top: string, lengthBits: string, ck256: boolean, ik256: boolean, k256: boolean): number[] {
  const text = top + lengthBits + (ck256 ? '1' : '0') + (ik256 ? '1' : '0') + (k256 ? '1' : '0');
  return [...text].map(Number);
}

/** One TUAK permutation: TOP(c), INSTANCE, ALGONAME, RAND, AMF, SQN, K and the padding. */
function run(
  topOrTopc: Uint8Array, instance: number[], rand: Uint8Array, amf: Uint8Array, sqn: Uint8Array,
  k: Uint8Array, iterations: number,
): KeccakString {
  const s = new KeccakString();
  s.place(0, bitsOf(topOrTopc));
  s.place(256, instance);
  s.place(264, bitsOf(new TextEncoder().encode('TUAK1.0')));
  s.place(320, bitsOf(rand));
  s.place(448, bitsOf(amf));
  s.place(464, bitsOf(sqn));
  s.place(512, bitsOf(k)); // a 128-bit K takes s[512..639]; s[640..767] stay 0
  for (let i = 768; i < 773; i++) s.set(i, 1); // 0x1F: the SHA-3 style padding of clause 6.1
  s.set(1087, 1);
  s.permute(iterations);
  return s;
}

const zeros = (n: number) => new Uint8Array(n);

export function referenceTopc(k: Uint8Array, top: Uint8Array, iterations: number): Uint8Array {
  const instance = instanceBits('00', '000', false, false, k.length === 32);
  return run(top, instance, zeros(16), zeros(2), zeros(6), k, iterations).take(0, 256);
}

export function referenceTuak(
  k: Uint8Array, topc: Uint8Array, rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array, p: ReferenceTuakParameters,
): Record<'macA' | 'macS' | 'res' | 'ck' | 'ik' | 'ak' | 'akStar', Uint8Array> {
  const k256 = k.length === 32;
  const macLength = OUTPUT_LENGTH_BITS[p.macBits]!;
  const f1 = run(topc, instanceBits('00', macLength, false, false, k256), rand, amf, sqn, k, p.iterations);
  const f1star = run(topc, instanceBits('10', macLength, false, false, k256), rand, amf, sqn, k, p.iterations);
  const f2345 = run(topc, instanceBits('01', OUTPUT_LENGTH_BITS[p.resBits]!, p.ckBits === 256, p.ikBits === 256, k256),
    rand, zeros(2), zeros(6), k, p.iterations);
  const f5star = run(topc, instanceBits('11', '000', false, false, k256), rand, zeros(2), zeros(6), k, p.iterations);
  return {
    macA: f1.take(0, p.macBits),
    macS: f1star.take(0, p.macBits),
    res: f2345.take(0, p.resBits),
    ck: f2345.take(256, p.ckBits),
    ik: f2345.take(512, p.ikBits),
    ak: f2345.take(768, 48),
    akStar: f5star.take(768, 48),
  };
}
