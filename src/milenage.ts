// Milenage, the 3GPP example set of authentication and key generation functions f1, f1*, f2, f3,
// f4, f5 and f5* (TS 35.206), on the constant-time AES-128 of the WebAssembly core.

import { checkBytes, checkColumn } from './bytes.js';
import { core, KeySlot, memoryBytes, Region } from './wasm.js';
import { buildAutn } from './aka-algorithm.js';
import type { AkaAlgorithm, AkaOutputs, AkaSizes, ChallengeOutputs } from './aka-algorithm.js';

/**
 * The operator-chosen constants of TS 35.206 clause 4.1: c1..c5 (128 bits each) and the rotation
 * amounts r1..r5 (0 to 127 bits).
 */
export interface MilenageConstants {
  c1: Uint8Array; c2: Uint8Array; c3: Uint8Array; c4: Uint8Array; c5: Uint8Array;
  r1: number; r2: number; r3: number; r4: number; r5: number;
}

function constantBlock(lastByte: number): Uint8Array {
  const block = new Uint8Array(16);
  block[15] = lastByte;
  return block;
}

/** The default constants of TS 35.206 clause 4.1. */
export const DEFAULT_CONSTANTS: Readonly<MilenageConstants> = Object.freeze({
  c1: constantBlock(0), c2: constantBlock(1), c3: constantBlock(2), c4: constantBlock(4), c5: constantBlock(8),
  r1: 64, r2: 0, r3: 32, r4: 64, r5: 96,
});

const INDICES = [1, 2, 3, 4, 5] as const;

/** A prepared constants table in linear memory (see assembly/milenage.ts); freed by the caller. */
function prepareConstants(constants: Partial<MilenageConstants> | undefined): Region {
  const table = new Region(core().CONSTANTS_SIZE.value as number);
  try {
    writeConstants(table, constants);
    return table;
  } catch (error) {
    table.free();
    throw error;
  }
}

/** Fills `table` with the constants, the defaults where none is given, checking each. */
function writeConstants(table: Region, constants: Partial<MilenageConstants> | undefined): void {
  for (const i of INDICES) {
    const c = checkBytes(`constants.c${i}`, constants?.[`c${i}`] ?? DEFAULT_CONSTANTS[`c${i}`], 16);
    const r = constants?.[`r${i}`] ?? DEFAULT_CONSTANTS[`r${i}`];
    if (!Number.isInteger(r) || r < 0 || r > 127) {
      throw new RangeError(`constants.r${i} must be an integer from 0 to 127 bits, got ${r}`);
    }
    table.write(c, (i - 1) * 64);
    new DataView(memoryBytes().buffer).setInt32(table.ptr + (i - 1) * 64 + 48, r, true);
  }
  core().prepareConstants(table.ptr);
}

let defaultTable: Region | undefined;
/** The shared table of the default constants, prepared on first use. */
function defaultConstants(): Region {
  defaultTable ??= prepareConstants(undefined);
  return defaultTable;
}

/** The outputs of f1..f5* for one RAND, SQN and AMF (TS 35.206 clause 4.1): MAC 8 bytes, RES 8, CK and IK 16. */
export type MilenageOutputs = AkaOutputs;

/** An authentication vector (TS 33.102 clause 6.3.2): AUTN = SQN ^ AK || AMF || MAC-A. */
export interface AuthenticationVector {
  rand: Uint8Array;
  xres: Uint8Array;
  ck: Uint8Array;
  ik: Uint8Array;
  ak: Uint8Array;
  autn: Uint8Array;
}


const MILENAGE_SIZES: AkaSizes = Object.freeze({ mac: 8, res: 8, ck: 16, ik: 16 });

/** Input (RAND || SQN || AMF) and output (OUT1..OUT5) of single calls, shared and wiped after use. */
const IO_SIZE = 24 + 80;
let io: Region | undefined;
const ZERO_SQN = new Uint8Array(6);
const ZERO_AMF = new Uint8Array(2);

/**
 * One subscriber's Milenage (TS 35.206): K expanded once into a key slot, OPc kept beside it.
 * Call dispose() when done: it zeroes the slot.
 */
export class Milenage implements AkaAlgorithm {
  readonly name = 'milenage';
  /** Milenage's fixed output sizes (TS 35.206 clause 4.1). */
  readonly sizes: AkaSizes = MILENAGE_SIZES;
  readonly #slot: KeySlot;
  /** The operator's own constants, or undefined for the shared default table. */
  readonly #ownConstants: KeySlot | undefined;

  private constructor(k: Uint8Array, op: Uint8Array, fromOp: boolean, constants?: Partial<MilenageConstants>) {
    checkBytes('k', k, 16);
    checkBytes(fromOp ? 'op' : 'opc', op, 16);
    const kernels = core();
    if (constants) {
      this.#ownConstants = new KeySlot(this, kernels.CONSTANTS_SIZE.value as number);
      try {
        writeConstants(this.#ownConstants.live(), constants);
      } catch (error) {
        this.#ownConstants.dispose();
        throw error;
      }
    }
    this.#slot = new KeySlot(this, kernels.SLOT_SIZE.value as number);
    const slot = this.#slot.live();
    const input = new Region(32);
    try {
      input.write(k, 0);
      input.write(op, 16);
      kernels.initSlot(slot.ptr, input.ptr, input.ptr + 16, fromOp ? 1 : 0);
    } finally {
      input.free();
    }
  }

  /** Milenage for subscriber key `k` and operator variant `op`; OPc = OP ^ E_K(OP) (clause 4.1). */
  static fromOp(k: Uint8Array, op: Uint8Array, constants?: Partial<MilenageConstants>): Milenage {
    return new Milenage(k, op, true, constants);
  }

  /** Milenage for subscriber key `k` and a precomputed OPc. */
  static fromOpc(k: Uint8Array, opc: Uint8Array, constants?: Partial<MilenageConstants>): Milenage {
    return new Milenage(k, opc, false, constants);
  }

  /** OPc, the operator variant key specific to this subscriber (a copy). */
  get opc(): Uint8Array {
    const slot = this.#slot.live();
    return slot.read(slot.size - 16, 16);
  }

  /** f1: MAC-A from RAND (16 bytes), SQN (6) and AMF (2). */
  f1(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): Uint8Array {
    return this.compute(rand, sqn, amf).macA;
  }

  /** f1*: MAC-S from RAND, SQN (SQN_MS in resynchronisation) and AMF. */
  f1star(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): Uint8Array {
    return this.compute(rand, sqn, amf).macS;
  }

  /** f2, f3, f4, f5: RES, CK, IK and AK from RAND. */
  f2345(rand: Uint8Array): { res: Uint8Array; ck: Uint8Array; ik: Uint8Array; ak: Uint8Array } {
    const { res, ck, ik, ak } = this.compute(rand, ZERO_SQN, ZERO_AMF);
    return { res, ck, ik, ak };
  }

  /** f5*: AK* from RAND, for resynchronisation (AUTS). */
  f5star(rand: Uint8Array): Uint8Array {
    return this.compute(rand, ZERO_SQN, ZERO_AMF).akStar;
  }

  /** The generation of an authentication vector (TS 33.102 clause 6.3.2) from RAND, SQN and AMF. */
  vector(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): AuthenticationVector {
    const { macA, res, ck, ik, ak } = this.compute(rand, sqn, amf);
    return { rand: new Uint8Array(rand), xres: res, ck, ik, ak, autn: buildAutn(sqn, ak, amf, macA) };
  }

  /** Every output of f1..f5* at once: one call into the core, two AES passes. */
  compute(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): MilenageOutputs {
    const slot = this.#slot.live();
    checkBytes('rand', rand, 16);
    checkBytes('sqn', sqn, 6);
    checkBytes('amf', amf, 2);
    io ??= new Region(IO_SIZE);
    try {
      io.write(rand, 0);
      io.write(sqn, 16);
      io.write(amf, 22);
      const constants = this.#ownConstants?.live() ?? defaultConstants();
      core().outputs(slot.ptr, constants.ptr, io.ptr, io.ptr + 24);
      // OUT1..OUT5 at 24: f1 = OUT1[0..7], f1* = OUT1[8..15], f5 = OUT2[0..5], f2 = OUT2[8..15],
      // f3 = OUT3, f4 = OUT4, f5* = OUT5[0..5].
      return {
        macA: io.read(24, 8),
        macS: io.read(32, 8),
        ak: io.read(40, 6),
        res: io.read(48, 8),
        ck: io.read(56, 16),
        ik: io.read(72, 16),
        akStar: io.read(88, 6),
      };
    } finally {
      io.wipe();
    }
  }

  /**
   * The USIM / ISIM side of one challenge (TS 33.102 clause 6.3.3) from RAND and AUTN (16 bytes):
   * AK = f5(RAND) uncovers SQN, then XMAC-A = f1(RAND, SQN, AMF), with RES, CK and IK; one call
   * into the core, three AES passes.
   */
  challenge(rand: Uint8Array, autn: Uint8Array): ChallengeOutputs {
    const slot = this.#slot.live();
    checkBytes('rand', rand, 16);
    checkBytes('autn', autn, 16);
    io ??= new Region(IO_SIZE);
    try {
      io.write(rand, 0);
      io.write(autn, 16);
      const constants = this.#ownConstants?.live() ?? defaultConstants();
      core().challenge(slot.ptr, constants.ptr, io.ptr, io.ptr + 32);
      // SQN at 32, XMAC-A at 40, RES at 48, CK at 56, IK at 72 (assembly/milenage.ts).
      return { sqn: io.read(32, 6), xmac: io.read(40, 8), res: io.read(48, 8), ck: io.read(56, 16), ik: io.read(72, 16) };
    } finally {
      io.wipe();
    }
  }

  /** Zeroes and releases the key slot; the object cannot be used afterwards. */
  dispose(): void {
    this.#slot.dispose();
    this.#ownConstants?.dispose();
  }
}

/** Input of milenageBatch: columns of packed fields, no object per subscriber or vector. */
export interface MilenageBatchInput {
  /** K of each subscriber, 16 bytes each, packed. */
  k: Uint8Array;
  /** OPc of each subscriber, 16 bytes each (give this or `op`). */
  opc?: Uint8Array;
  /** OP of each subscriber, 16 bytes each; OPc is derived in the core. */
  op?: Uint8Array;
  /**
   * How many vectors each subscriber gets, in order; its records follow each other. Defaults to
   * one each when there are as many subscribers as records, or all to a single subscriber.
   */
  counts?: ArrayLike<number>;
  /** RAND of each record, 16 bytes each. */
  rand: Uint8Array;
  /** SQN of each record, 6 bytes each. */
  sqn: Uint8Array;
  /** AMF of each record (2 bytes each), or one AMF (2 bytes) for all. */
  amf: Uint8Array;
  constants?: Partial<MilenageConstants>;
}

/**
 * Authentication vectors as columns: the field of vector n is at n * stride (see STRIDES). The
 * columns are views of one buffer.
 */
export interface AuthenticationVectorBatch extends AuthenticationVector {
  /** The number of vectors. */
  count: number;
}

/** Bytes per vector of each column of an AuthenticationVectorBatch. */
export const STRIDES = Object.freeze({ rand: 16, xres: 8, ck: 16, ik: 16, ak: 6, autn: 16 });

function subscriberCounts(input: MilenageBatchInput, subscribers: number, records: number): Uint32Array {
  if (input.counts === undefined) {
    if (subscribers === records) return new Uint32Array(subscribers).fill(1);
    if (subscribers === 1) return Uint32Array.of(records);
    throw new RangeError(
      `counts is required when there are ${subscribers} subscribers and ${records} records`,
    );
  }
  if (input.counts.length !== subscribers) {
    throw new RangeError(`counts must have one entry per subscriber (${subscribers}), got ${input.counts.length}`);
  }
  const counts = Uint32Array.from(input.counts);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = input.counts[i]!;
    if (!Number.isInteger(c) || c < 0) throw new RangeError(`counts[${i}] must be a whole number, got ${c}`);
    total += c;
  }
  if (total !== records) throw new RangeError(`counts must add up to the ${records} records, got ${total}`);
  return counts;
}

/**
 * Authentication vectors (TS 33.102 clause 6.3.2) for many subscribers in one call into the core:
 * each subscriber's key is expanded once, eight vectors share each AES pass, and the result is
 * one packed column per field.
 */
export function milenageBatch(input: MilenageBatchInput): AuthenticationVectorBatch {
  if ((input.op === undefined) === (input.opc === undefined)) {
    throw new TypeError('give exactly one of op and opc');
  }
  if (!(input.k instanceof Uint8Array) || input.k.length % 16 !== 0) {
    throw new RangeError(`k must be a Uint8Array of 16 bytes per subscriber, got ${input.k?.length} bytes`);
  }
  const subscribers = input.k.length / 16;
  const fromOp = input.op !== undefined;
  const op = checkColumn(fromOp ? 'op' : 'opc', input.op ?? input.opc, 16, subscribers);
  if (!(input.rand instanceof Uint8Array) || input.rand.length % 16 !== 0) {
    throw new RangeError(`rand must be a Uint8Array of 16 bytes per record, got ${input.rand?.length} bytes`);
  }
  const n = input.rand.length / 16;
  checkColumn('sqn', input.sqn, 6, n);
  const amf = input.amf?.length === 2 && n !== 1 ? repeatAmf(input.amf, n) : checkColumn('amf', input.amf, 2, n);
  const counts = subscriberCounts(input, subscribers, n);
  if (n === 0) {
    const none = new Uint8Array(0);
    return { count: 0, rand: none, xres: none, ck: none, ik: none, ak: none, autn: none };
  }

  const constants = input.constants ? prepareConstants(input.constants) : defaultConstants();
  // Linear memory: K | OPc or OP | counts | SQN | AMF | RAND | the output columns. RAND sits just
  // before the outputs, so that one copy brings back every column of the result.
  const ops = 16 * subscribers, countsAt = 32 * subscribers, sqns = 36 * subscribers;
  const amfs = sqns + 6 * n, rands = amfs + 2 * n, out = rands + 16 * n;
  const region = new Region(out + 62 * n);
  try {
    region.write(input.k, 0);
    region.write(op, ops);
    region.write(new Uint8Array(counts.buffer), countsAt);
    region.write(input.sqn, sqns);
    region.write(amf, amfs);
    region.write(input.rand, rands);
    const p = region.ptr;
    core().vectors(p, p + ops, subscribers, p + countsAt, p + rands, p + sqns, p + amfs,
      constants.ptr, fromOp ? 1 : 0, p + out);
    const all = region.read(rands, 78 * n);
    const column = (from: number, stride: number) => all.subarray(from * n, (from + stride) * n);
    return {
      count: n, rand: column(0, 16), xres: column(16, 8), ck: column(24, 16), ik: column(40, 16),
      ak: column(56, 6), autn: column(62, 16),
    };
  } finally {
    region.free();
    if (input.constants) constants.free();
  }
}

function repeatAmf(amf: Uint8Array, n: number): Uint8Array {
  const column = new Uint8Array(2 * n);
  new Uint16Array(column.buffer).fill(new Uint16Array(new Uint8Array(amf).buffer)[0]!);
  return column;
}
