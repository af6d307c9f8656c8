// TUAK, the second example set of 3GPP authentication and key generation functions f1, f1*, f2,
// f3, f4, f5 and f5* (TS 35.231), on the Keccak-f[1600] of the WebAssembly core.

import { checkBytes, describe } from './bytes.js';
import { core, KeySlot, Region } from './wasm.js';
import type { AkaAlgorithm, AkaOutputs, AkaSizes, ChallengeOutputs } from './aka-algorithm.js';

/**
 * The operator's choices of TS 35.231 clause 5.1, fixed for a subscriber: output lengths in bits,
 * and how many times Keccak-f[1600] is iterated. K's length (128 or 256 bits) follows from K.
 */
export interface TuakOptions {
  /** MAC-A and MAC-S (f1, f1*): 64 (the default), 128 or 256 bits. */
  macBits?: number;
  /** RES (f2): 32, 64 (the default), 128 or 256 bits. */
  resBits?: number;
  /** CK (f3): 128 (the default) or 256 bits. */
  ckBits?: number;
  /** IK (f4): 128 (the default) or 256 bits. */
  ikBits?: number;
  /** KeccakIterations: 1 (the default) to 255. */
  iterations?: number;
}

/** The defaults: Milenage's output sizes, one Keccak iteration. */
export const TUAK_DEFAULTS: Readonly<Required<TuakOptions>> = Object.freeze({
  macBits: 64, resBits: 64, ckBits: 128, ikBits: 128, iterations: 1,
});

const ALLOWED_BITS = Object.freeze({
  macBits: [64, 128, 256], resBits: [32, 64, 128, 256], ckBits: [128, 256], ikBits: [128, 256],
});

/** The options with the defaults filled in, each checked; errors name the field. */
function checkOptions(options: TuakOptions | undefined): Required<TuakOptions> {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new TypeError(`options must be an object, got ${describe(options)}`);
  }
  const checked = { ...TUAK_DEFAULTS };
  for (const field of Object.keys(ALLOWED_BITS) as (keyof typeof ALLOWED_BITS)[]) {
    const value = options?.[field] ?? TUAK_DEFAULTS[field];
    if (!(ALLOWED_BITS[field] as readonly unknown[]).includes(value)) {
      throw new RangeError(`options.${field} must be ${ALLOWED_BITS[field].join(', ')} bits, got ${String(value)}`);
    }
    checked[field] = value;
  }
  const iterations = options?.iterations ?? TUAK_DEFAULTS.iterations;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 255) {
    throw new RangeError(`options.iterations must be a whole number from 1 to 255, got ${String(iterations)}`);
  }
  checked.iterations = iterations;
  return checked;
}

/** The outputs of TS 35.231 clauses 6.2 to 6.5 for one RAND, SQN and AMF; lengths per the options. */
export type TuakOutputs = AkaOutputs;

/** Input (RAND || SQN || AMF) and outputs of single calls, shared and wiped after use. */
const RECORD_SIZE = 24;
let io: Region | undefined;
const ZERO_SQN = new Uint8Array(6);
const ZERO_AMF = new Uint8Array(2);

/** Where tuakOutputs() writes each output, after the record (see assembly/tuak.ts). */
const OUT = { macA: 24, macS: 56, res: 88, ck: 120, ik: 152, ak: 184, akStar: 190 } as const;

/**
 * One subscriber's TUAK (TS 35.231): K and TOPc placed once into a key slot with the operator's
 * options. Call dispose() when done: it zeroes the slot.
 */
export class Tuak implements AkaAlgorithm {
  readonly name = 'tuak';
  /** Output sizes in bytes, from the options. */
  readonly sizes: AkaSizes;
  /** The options in force, defaults filled in. */
  readonly options: Readonly<Required<TuakOptions>>;
  readonly #slot: KeySlot;

  private constructor(k: Uint8Array, top: Uint8Array, fromTop: boolean, options: TuakOptions | undefined) {
    if (!(k instanceof Uint8Array)) throw new TypeError(`k must be a Uint8Array of 16 or 32 bytes, got ${describe(k)}`);
    if (k.length !== 16 && k.length !== 32) throw new RangeError(`k must be 16 or 32 bytes, got ${k.length}`);
    checkBytes(fromTop ? 'top' : 'topc', top, 32);
    const o = checkOptions(options);
    this.options = Object.freeze(o);
    this.sizes = Object.freeze({ mac: o.macBits / 8, res: o.resBits / 8, ck: o.ckBits / 8, ik: o.ikBits / 8 });
    const kernels = core();
    this.#slot = new KeySlot(this, kernels.TUAK_SLOT_SIZE.value as number);
    const slot = this.#slot.live();
    const input = new Region(64);
    try {
      input.write(k, 0);
      input.write(top, 32);
      kernels.tuakInit(slot.ptr, input.ptr, k.length, input.ptr + 32, fromTop ? 1 : 0,
        this.sizes.mac, this.sizes.res, this.sizes.ck, this.sizes.ik, o.iterations);
    } finally {
      input.free();
    }
  }

  /** TUAK for subscriber key `k` (16 or 32 bytes) and operator TOP (32 bytes): TOPc from TOP (clause 6.1). */
  static fromTop(k: Uint8Array, top: Uint8Array, options?: TuakOptions): Tuak {
    return new Tuak(k, top, true, options);
  }

  /** TUAK for subscriber key `k` and a precomputed TOPc (TS 35.231 clause 7.1 recommends it). */
  static fromTopc(k: Uint8Array, topc: Uint8Array, options?: TuakOptions): Tuak {
    return new Tuak(k, topc, false, options);
  }

  /** TOPc, the operator variant of TOP specific to this subscriber (a copy, clause 6.1). */
  get topc(): Uint8Array {
    // The slot keeps TOPc as placed in the Keccak input: byte-reversed (see assembly/tuak.ts).
    return this.#slot.live().read(0, 32).reverse();
  }

  /** f1: MAC-A from RAND (16 bytes), SQN (6) and AMF (2) (TS 35.231 clause 6.2). */
  f1(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): Uint8Array {
    return this.#run(rand, sqn, amf, core().TUAK_F1.value as number, (read) => read.macA());
  }

  /** f1*: MAC-S from RAND, SQN (SQN_MS in resynchronisation) and AMF (clause 6.3). */
  f1star(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): Uint8Array {
    return this.#run(rand, sqn, amf, core().TUAK_F1_STAR.value as number, (read) => read.macS());
  }

  /** f2, f3, f4, f5: RES, CK, IK and AK from RAND, one permutation (clause 6.4). */
  f2345(rand: Uint8Array): { res: Uint8Array; ck: Uint8Array; ik: Uint8Array; ak: Uint8Array } {
    return this.#run(rand, ZERO_SQN, ZERO_AMF, core().TUAK_F2345.value as number,
      (read) => ({ res: read.res(), ck: read.ck(), ik: read.ik(), ak: read.ak() }));
  }

  /** f5*: AK* from RAND, for resynchronisation (clause 6.5). */
  f5star(rand: Uint8Array): Uint8Array {
    return this.#run(rand, ZERO_SQN, ZERO_AMF, core().TUAK_F5_STAR.value as number, (read) => read.akStar());
  }

  /** Every output of f1..f5* (clauses 6.2 to 6.5): one call into the core, four permutations. */
  compute(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): TuakOutputs {
    const k = core();
    const all = (k.TUAK_F1.value | k.TUAK_F1_STAR.value | k.TUAK_F2345.value | k.TUAK_F5_STAR.value) as number;
    return this.#run(rand, sqn, amf, all, (read) => ({
      macA: read.macA(), macS: read.macS(), res: read.res(), ck: read.ck(), ik: read.ik(), ak: read.ak(),
      akStar: read.akStar(),
    }));
  }

  /**
   * The USIM / ISIM side of one challenge (TS 33.102 clause 6.3.3) from RAND and AUTN (8 + MAC-A
   * bytes): f2..f5 (clause 6.4), whose AK uncovers SQN, then XMAC-A = f1 (clause 6.2); one call
   * into the core.
   */
  challenge(rand: Uint8Array, autn: Uint8Array): ChallengeOutputs {
    const slot = this.#slot.live();
    checkBytes('rand', rand, 16);
    checkBytes('autn', autn, 8 + this.sizes.mac);
    const region = io ??= new Region(RECORD_SIZE + (core().TUAK_OUTPUTS_SIZE.value as number));
    // RAND || AUTN (at most 56 bytes), then the outputs (assembly/tuak.ts: TUAK_CHALLENGE_SIZE).
    const out = 56;
    try {
      region.write(rand, 0);
      region.write(autn, 16);
      core().tuakChallenge(slot.ptr, region.ptr, region.ptr + out);
      const { mac, res, ck, ik } = this.sizes;
      return {
        sqn: region.read(out, 6), xmac: region.read(out + 8, mac), res: region.read(out + 40, res),
        ck: region.read(out + 72, ck), ik: region.read(out + 104, ik),
      };
    } finally {
      region.wipe();
    }
  }

  /**
   * Runs the permutations selected by `functions` (the TUAK_F* flags) in one call into the core,
   * and hands `pick` readers of the outputs it needs; the shared region is wiped afterwards.
   */
  #run<T>(
    rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array, functions: number,
    pick: (read: Record<keyof TuakOutputs, () => Uint8Array>) => T,
  ): T {
    const slot = this.#slot.live();
    checkBytes('rand', rand, 16);
    checkBytes('sqn', sqn, 6);
    checkBytes('amf', amf, 2);
    const region = io ??= new Region(RECORD_SIZE + (core().TUAK_OUTPUTS_SIZE.value as number));
    try {
      region.write(rand, 0);
      region.write(sqn, 16);
      region.write(amf, 22);
      core().tuakOutputs(slot.ptr, region.ptr, region.ptr + RECORD_SIZE, functions);
      const { mac, res, ck, ik } = this.sizes;
      return pick({
        macA: () => region.read(OUT.macA, mac),
        macS: () => region.read(OUT.macS, mac),
        res: () => region.read(OUT.res, res),
        ck: () => region.read(OUT.ck, ck),
        ik: () => region.read(OUT.ik, ik),
        ak: () => region.read(OUT.ak, 6),
        akStar: () => region.read(OUT.akStar, 6),
      });
    } finally {
      region.wipe();
    }
  }

  /** Zeroes and releases the key slot; the object cannot be used afterwards. */
  dispose(): void {
    this.#slot.dispose();
  }
}
