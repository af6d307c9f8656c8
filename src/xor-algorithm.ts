// The 3GPP test algorithm XOR of TS 34.108 clause 8.1.2, which test USIMs and system simulators
// run instead of a real algorithm set. It is NOT a cryptographic algorithm: every output is K xor
// RAND, rearranged. It exists so that an HSS or a test tool can talk to test SIMs.

import { checkBytes } from './bytes.js';
import type { AkaAlgorithm, AkaSizes } from './aka-algorithm.js';

/** Options of the XOR algorithm. */
export interface XorOptions {
  /**
   * RES length in bytes, 4 to 16 (n = 32 to 128 bits). Clause 8.1.2.1 takes RES as the first n
   * bits of XDOUT and leaves n to the test; the default is all of XDOUT, 16 bytes.
   */
  resLength?: number;
}

/** One subscriber's XOR test algorithm (TS 34.108 clause 8.1.2) behind the AkaAlgorithm interface. */
export class XorAlgorithm implements AkaAlgorithm {
  readonly name = 'xor';
  readonly sizes: AkaSizes;
  #k: Uint8Array | undefined;

  /** XOR for the 128-bit subscriber key `k` (clause 8.1.2.1 step 1: at least one bit must be 1). */
  constructor(k: Uint8Array, options: XorOptions = {}) {
    checkBytes('k', k, 16);
    const res = options.resLength ?? 16;
    if (!Number.isInteger(res) || res < 4 || res > 16) {
      throw new RangeError(`resLength must be a whole number of bytes from 4 to 16, got ${res}`);
    }
    this.sizes = Object.freeze({ mac: 8, res, ck: 16, ik: 16 });
    this.#k = new Uint8Array(k); // a copy (Buffer.slice would share the caller's memory)
  }

  /** XDOUT = K xor RAND (clause 8.1.2.1 step 1). */
  #xdout(rand: Uint8Array): Uint8Array {
    if (!this.#k) throw new Error('XorAlgorithm: used after dispose()');
    checkBytes('rand', rand, 16);
    const xdout = new Uint8Array(16);
    for (let i = 0; i < 16; i++) xdout[i] = rand[i]! ^ this.#k[i]!;
    return xdout;
  }

  /** MAC = XDOUT[bits 0..63] xor CDOUT, CDOUT = SQN || AMF (clause 8.1.2.1 steps 3 and 4). */
  #mac(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): Uint8Array {
    const xdout = this.#xdout(rand);
    checkBytes('sqn', sqn, 6);
    checkBytes('amf', amf, 2);
    const mac = xdout.subarray(0, 8);
    for (let i = 0; i < 6; i++) mac[i]! ^= sqn[i]!;
    mac[6]! ^= amf[0]!;
    mac[7]! ^= amf[1]!;
    return mac.slice();
  }

  /** f1: MAC-A = XDOUT[bits 0..63] xor (SQN || AMF) (clause 8.1.2.1 step 4). */
  f1(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): Uint8Array {
    return this.#mac(rand, sqn, amf);
  }

  /** f1*: MAC-S, computed as f1 (clause 8.1.2.2, with AMF* = 0 in resynchronisation). */
  f1star(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): Uint8Array {
    return this.#mac(rand, sqn, amf);
  }

  /**
   * f2..f5 (clause 8.1.2.1 step 2): RES = XDOUT[bits 0..n-1], CK = XDOUT rotated left by 8 bits,
   * IK = XDOUT rotated left by 16 bits, AK = XDOUT[bits 24..71].
   */
  f2345(rand: Uint8Array): { res: Uint8Array; ck: Uint8Array; ik: Uint8Array; ak: Uint8Array } {
    const x = this.#xdout(rand);
    const rotate = (bytes: number) => Uint8Array.from({ length: 16 }, (_, i) => x[(i + bytes) % 16]!);
    return { res: x.slice(0, this.sizes.res), ck: rotate(1), ik: rotate(2), ak: x.slice(3, 9) };
  }

  /** f5*: AK* = XDOUT[bits 24..71], as f5 (clause 8.1.2.2 step 2). */
  f5star(rand: Uint8Array): Uint8Array {
    return this.#xdout(rand).slice(3, 9);
  }

  /** Zeroes the key; the object cannot be used afterwards. */
  dispose(): void {
    this.#k?.fill(0);
    this.#k = undefined;
  }
}
