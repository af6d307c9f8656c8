// Milenage (3GPP TS 35.206) over the bitsliced AES-128 of aes.ts: eight blocks per AES pass, so a
// batch computes TEMP for eight vectors in one pass and each OUTi for eight vectors in another.
//
//   OPc  = OP ^ E_K(OP)                                      (TS 35.206 clause 4.1)
//   TEMP = E_K(RAND ^ OPc)
//   OUT1 = E_K(TEMP ^ rot(IN1 ^ OPc, r1) ^ c1) ^ OPc,  IN1 = SQN || AMF || SQN || AMF
//   OUTi = E_K(rot(TEMP ^ OPc, ri) ^ ci) ^ OPc         for i = 2..5
//   f1 = OUT1[0..7]  f1* = OUT1[8..15]  f5 = OUT2[0..5]  f2 = OUT2[8..15]
//   f3 = OUT3        f4 = OUT4          f5* = OUT5[0..5]
//
// Memory formats shared with the TypeScript layer:
//   constants (CONSTANTS_SIZE): for i = 1..5 an entry of 64 bytes: ci (16), then the rotation by
//     ri prepared by prepareConstants(): byte-swizzle indices (2 x 16) and a bit shift (i32).
//     The caller writes ci at +0 and ri as an i32 at +48, then calls prepareConstants() once.
//   subscriber slot (SLOT_SIZE): the bitsliced key schedule of K in all eight lanes, then OPc.
//   record (RECORD_SIZE): RAND (16) || SQN (6) || AMF (2).

import { ROUND_KEYS_SIZE, expandKeys, encrypt8 } from "./aes";

export const CONSTANTS_SIZE: usize = 5 * 64;
export const SLOT_SIZE: usize = ROUND_KEYS_SIZE + 16;
const RECORD_SIZE: usize = 24;

const LANES = 8;
const BLOCKS: usize = <usize>LANES * 16;

// Scratch for one group of eight lanes. Wiped at the end of every kernel call.
const SCRATCH_SIZE: usize = 8 * BLOCKS + <usize>LANES * RECORD_SIZE + ROUND_KEYS_SIZE;
const scratch = memory.data(<i32>SCRATCH_SIZE, 16);
const keys = scratch;                 // the eight lanes' K
const opcs = scratch + BLOCKS;        // the eight lanes' OPc
const temps = scratch + 2 * BLOCKS;   // TEMP per lane
const outs = scratch + 3 * BLOCKS;    // OUT1..OUT5, eight blocks each
const gathered = scratch + 8 * BLOCKS; // the lanes' records of the current round
const roundKeys = gathered + <usize>LANES * RECORD_SIZE;

// Lane bookkeeping of vectors(): five u32 arrays of eight (public indices, not secrets).
const laneState = memory.data(5 * LANES * 4, 16);
const POSITION = 0, END = 1, SUBSCRIBER = 2, SUBSCRIBER_END = 3, KEYED = 4;
// @ts-ignore: decorator
@inline function getLane(field: i32, lane: i32): u32 {
  return load<u32>(laneState + (<usize>(field * LANES + lane) << 2));
}
// @ts-ignore: decorator
@inline function setLane(field: i32, lane: i32, value: u32): void {
  store<u32>(laneState + (<usize>(field * LANES + lane) << 2), value);
}
/** KEYED value of a lane that has not been keyed yet. */
const UNKEYED: u32 = 0xffff_ffff;

/** Turns each ri (an i32 at +48 of entry i, 0..127) into swizzle indices and a shift. */
export function prepareConstants(constants: usize): void {
  for (let i: usize = 0; i < 5; i++) {
    const entry = constants + (i << 6);
    const r = load<i32>(entry, 48);
    assert(r >= 0 && r < 128, "Milenage rotation out of range");
    const q = r >>> 3;
    for (let b = 0; b < 16; b++) {
      store<u8>(entry + 16 + b, <u8>((b + q) & 15));
      store<u8>(entry + 32 + b, <u8>((b + q + 1) & 15));
    }
    store<i32>(entry, r & 7, 48);
  }
}

/**
 * rot(x, r) of TS 35.206: x as a 128-bit integer, byte 0 most significant, rotated by r bits
 * towards the most significant end. Byte b of the result is (x[b + q] << s) | (x[b + q + 1] >> (8 - s))
 * with q = r / 8 and s = r % 8; the right shift is split in two so that s = 0 gives 0, not x.
 */
// @ts-ignore: decorator
@inline function rotate(x: v128, entry: usize): v128 {
  const s = load<i32>(entry, 48);
  const high = i8x16.swizzle(x, v128.load(entry, 16));
  if (s == 0) return high; // a whole number of bytes, as all the default rotations are
  const low = i8x16.swizzle(x, v128.load(entry, 32));
  return v128.or(i8x16.shl(high, s), i8x16.shr_u(i8x16.shr_u(low, 1), 7 - s));
}

/**
 * The AES input of OUT(i + 1) (i = 0..4) from TEMP, OPc and IN1 = SQN || AMF || SQN || AMF:
 * TEMP ^ rot(IN1 ^ OPc, r1) ^ c1 for OUT1, rot(TEMP ^ OPc, ri) ^ ci for the others.
 */
// @ts-ignore: decorator
@inline function outputInput(constants: usize, i: usize, temp: v128, opc: v128, in1: v128): v128 {
  const entry = constants + (i << 6);
  const rotated = i == 0 ? v128.xor(temp, rotate(v128.xor(in1, opc), entry)) : rotate(v128.xor(temp, opc), entry);
  return v128.xor(rotated, v128.load(entry));
}

/**
 * E_K of the inputs of OUT1..OUT(count) of every lane (the final XOR with OPc is left to the
 * caller), from TEMP (temps), OPc (opcs) and SQN || AMF (the u64 at sqnAmf + lane * stride):
 * `count` passes of eight blocks, OUTi of lane l at outs + (i - 1) * BLOCKS + 16 l.
 */
function laneOutputs(rk: usize, constants: usize, sqnAmf: usize, stride: usize, count: usize): void {
  for (let lane: usize = 0; lane < <usize>LANES; lane++) {
    const opc = v128.load(opcs + (lane << 4)), in1 = i64x2.splat(load<u64>(sqnAmf + lane * stride));
    v128.store(outs + (lane << 4), outputInput(constants, 0, v128.load(temps + (lane << 4)), opc, in1));
  }
  for (let i: usize = 1; i < count; i++) {
    for (let lane: usize = 0; lane < <usize>LANES; lane++) {
      const masked = v128.xor(v128.load(temps + (lane << 4)), v128.load(opcs + (lane << 4)));
      const entry = constants + (i << 6);
      v128.store(outs + i * BLOCKS + (lane << 4), v128.xor(rotate(masked, entry), v128.load(entry)));
    }
  }
  for (let i: usize = 0; i < count; i++) encrypt8(rk, outs + i * BLOCKS, outs + i * BLOCKS);
}

/** TEMP = E_K(RAND ^ OPc) for the eight lanes; RAND of lane l at rands + l * stride. */
function computeTemps(rk: usize, rands: usize, stride: usize): void {
  for (let lane: usize = 0; lane < <usize>LANES; lane++) {
    v128.store(temps + (lane << 4), v128.xor(v128.load(rands + lane * stride), v128.load(opcs + (lane << 4))));
  }
  encrypt8(rk, temps, temps);
}

/** Expands the lanes' keys (at `keys`) and, if `fromOp`, turns the OP at `opcs` into OPc. */
function keyLanes(fromOp: bool): void {
  expandKeys(keys, roundKeys);
  if (fromOp) {
    encrypt8(roundKeys, opcs, temps);
    for (let lane: usize = 0; lane < <usize>LANES; lane++) {
      const at = opcs + (lane << 4);
      v128.store(at, v128.xor(v128.load(at), v128.load(temps + (lane << 4))));
    }
  }
}

function wipeScratch(): void {
  memory.fill(scratch, 0, SCRATCH_SIZE);
}

/** Wipes what a single-record call leaves: the lanes' OPc, TEMP and OUT blocks. */
function wipeLanes(): void {
  memory.fill(opcs, 0, 7 * BLOCKS);
}

/**
 * Fills a subscriber slot: the key schedule of K (16 bytes at k) in all lanes, and OPc, either
 * copied from `op` or, if `fromOp`, derived from OP as TS 35.206 clause 4.1 says.
 */
export function initSlot(slot: usize, k: usize, op: usize, fromOp: bool): void {
  const key = v128.load(k), opOrOpc = v128.load(op);
  for (let lane: usize = 0; lane < <usize>LANES; lane++) {
    v128.store(keys + (lane << 4), key);
    v128.store(opcs + (lane << 4), opOrOpc);
  }
  keyLanes(fromOp);
  memory.copy(slot, roundKeys, ROUND_KEYS_SIZE);
  v128.store(slot + ROUND_KEYS_SIZE, v128.load(opcs));
  wipeScratch();
}

/**
 * OUT1..OUT5 (80 bytes at `out`) for one record (RAND || SQN || AMF at `record`) of the subscriber
 * in `slot`: one AES pass for TEMP (lane 0), one for the five OUT blocks (lanes 0 to 4).
 */
export function outputs(slot: usize, constants: usize, record: usize, out: usize): void {
  const opc = v128.load(slot + ROUND_KEYS_SIZE);
  v128.store(temps, v128.xor(v128.load(record), opc));
  encrypt8(slot, temps, temps);
  const temp = v128.load(temps), in1 = i64x2.splat(load<u64>(record, 16));
  for (let i: usize = 0; i < 5; i++) v128.store(outs + (i << 4), outputInput(constants, i, temp, opc, in1));
  encrypt8(slot, outs, outs);
  for (let i: usize = 0; i < 5; i++) v128.store(out + (i << 4), v128.xor(v128.load(outs + (i << 4)), opc));
  wipeLanes();
}

/**
 * Authentication vectors for many subscribers in one call (TS 33.102 clause 6.3.2). Inputs are
 * columns: subscriber s has K at ks + 16 s and OPc (or OP if `fromOp`) at ops + 16 s, and owns
 * counts[s] consecutive records; record n has RAND at rands + 16 n, SQN at sqns + 6 n and AMF at
 * amfs + 2 n. For record n of N in all, the output columns at `out` receive
 * XRES (8 bytes at out + 8 n), CK (out + 8 N + 16 n), IK (out + 24 N + 16 n), AK (out + 40 N + 6 n)
 * and AUTN = SQN ^ AK || AMF || MAC-A (out + 46 N + 16 n).
 *
 * The records are split into eight spans, one per lane, cut at subscriber boundaries where a
 * subscriber is smaller than a span; the eight keys are expanded again only when some lane moves
 * to another subscriber, so each key is expanded about once however the batch is shaped.
 */
export function vectors(
  ks: usize, ops: usize, subscriberCount: u32, counts: usize,
  rands: usize, sqns: usize, amfs: usize, constants: usize, fromOp: bool, out: usize,
): void {
  let total: u32 = 0;
  for (let s: u32 = 0; s < subscriberCount; s++) total += load<u32>(counts + (<usize>s << 2));
  if (total == 0) return;
  const n = <usize>total;
  const xres = out, ck = out + 8 * n, ik = out + 24 * n, ak = out + 40 * n, autn = out + 46 * n;

  // Per lane: next record, end of span, its subscriber, where that subscriber's records end, and
  // the subscriber whose key the lane holds now.
  for (let lane = 0; lane < LANES; lane++) {
    const start = spanStart(counts, subscriberCount, total, lane);
    setLane(POSITION, lane, start);
    if (lane > 0) setLane(END, lane - 1, start);
    setLane(KEYED, lane, UNKEYED);
    locate(counts, subscriberCount, start, lane);
  }
  setLane(END, LANES - 1, total);

  while (true) {
    let active = false, rekey = false;
    for (let lane = 0; lane < LANES; lane++) {
      const p = getLane(POSITION, lane);
      if (p >= getLane(END, lane)) continue;
      active = true;
      while (p >= getLane(SUBSCRIBER_END, lane)) {
        const next = getLane(SUBSCRIBER, lane) + 1;
        setLane(SUBSCRIBER, lane, next);
        setLane(SUBSCRIBER_END, lane, getLane(SUBSCRIBER_END, lane) + load<u32>(counts + (<usize>next << 2)));
      }
      if (getLane(SUBSCRIBER, lane) != getLane(KEYED, lane)) rekey = true;
    }
    if (!active) break;
    if (rekey) loadLaneKeys(ks, ops, fromOp);
    // Gather this round's records into lane order, run the passes, scatter the vectors.
    for (let lane = 0; lane < LANES; lane++) {
      const p = <usize>min(getLane(POSITION, lane), total - 1);
      const record = gathered + <usize>lane * RECORD_SIZE;
      v128.store(record, v128.load(rands + (p << 4)));
      store<u32>(record, load<u32>(sqns + p * 6), 16);
      store<u16>(record, load<u16>(sqns + p * 6, 4), 20);
      store<u16>(record, load<u16>(amfs + (p << 1)), 22);
    }
    computeTemps(roundKeys, gathered, RECORD_SIZE);
    laneOutputs(roundKeys, constants, gathered + 16, RECORD_SIZE, 4);
    for (let lane = 0; lane < LANES; lane++) {
      const p = getLane(POSITION, lane);
      if (p >= getLane(END, lane)) continue;
      setLane(POSITION, lane, p + 1);
      const r = <usize>p, l = <usize>lane << 4, opc = v128.load(opcs + l);
      const out1 = v128.xor(v128.load(outs + l), opc), out2 = v128.xor(v128.load(outs + BLOCKS + l), opc);
      v128.store(ck + (r << 4), v128.xor(v128.load(outs + 2 * BLOCKS + l), opc));
      v128.store(ik + (r << 4), v128.xor(v128.load(outs + 3 * BLOCKS + l), opc));
      const ak64 = i64x2.extract_lane(out2, 0) & 0xffff_ffff_ffff; // f5 = OUT2[0..5]
      store<u64>(xres + (r << 3), i64x2.extract_lane(out2, 1)); // f2 = OUT2[8..15]
      store<u32>(ak + r * 6, <u32>ak64);
      store<u16>(ak + r * 6, <u16>(ak64 >> 32), 4);
      const sqnAmf = load<u64>(gathered + <usize>lane * RECORD_SIZE, 16);
      store<u64>(autn + (r << 4), sqnAmf ^ ak64);
      store<u64>(autn + (r << 4), i64x2.extract_lane(out1, 0), 8); // f1 = OUT1[0..7]
    }
  }
  wipeScratch();
}

/**
 * Loads each active lane's K and OPc (or OP) into the lane buffers and expands the eight keys.
 * A finished lane keeps the key it had (or zeros), so it never forces a new expansion.
 */
function loadLaneKeys(ks: usize, ops: usize, fromOp: bool): void {
  for (let lane = 0; lane < LANES; lane++) {
    if (getLane(POSITION, lane) < getLane(END, lane)) setLane(KEYED, lane, getLane(SUBSCRIBER, lane));
    const s = getLane(KEYED, lane);
    let key = v128.splat<i32>(0), op = key;
    if (s != UNKEYED) {
      key = v128.load(ks + (<usize>s << 4));
      op = v128.load(ops + (<usize>s << 4));
    }
    v128.store(keys + (<usize>lane << 4), key);
    v128.store(opcs + (<usize>lane << 4), op);
  }
  keyLanes(fromOp);
}

/**
 * Where lane `lane`'s span starts: at lane * total / 8, moved to the nearer boundary of the
 * subscriber it falls in when that subscriber is no larger than a span (so lanes change subscriber
 * together); a larger subscriber is shared between lanes instead.
 */
function spanStart(counts: usize, subscriberCount: u32, total: u32, lane: i32): u32 {
  const target = <u32>((<u64>total * <u64>lane) >> 3);
  const span = (total + 7) >> 3;
  let first: u32 = 0;
  for (let s: u32 = 0; s < subscriberCount; s++) {
    const count = load<u32>(counts + (<usize>s << 2));
    const last = first + count;
    if (target < last) {
      if (count > span) return target;
      return target - first <= last - target ? first : last;
    }
    first = last;
  }
  return total;
}

/** Sets a lane's subscriber to the one that owns record `position` (the last one, past the end). */
function locate(counts: usize, subscriberCount: u32, position: u32, lane: i32): void {
  let s: u32 = 0, last = load<u32>(counts);
  while (last <= position && s + 1 < subscriberCount) {
    s++;
    last += load<u32>(counts + (<usize>s << 2));
  }
  setLane(SUBSCRIBER, lane, s);
  setLane(SUBSCRIBER_END, lane, last);
}

/** AK is the first 6 bytes of OUT2: as a little-endian u64, its low 48 bits. */
const AK_MASK: u64 = 0x0000_ffff_ffff_ffff;

/**
 * The ISIM's computations for one challenge (TS 33.102 clause 6.3.3) for the subscriber in `slot`,
 * from RAND || AUTN (32 bytes at `record`, AUTN = SQN ^ AK || AMF || MAC-A): AK = f5(RAND)
 * uncovers SQN, then XMAC-A = f1(RAND, SQN, AMF). Writes SQN (6 bytes at out), XMAC-A (out + 8),
 * RES (out + 16), CK (out + 24) and IK (out + 40): 56 bytes. Three AES passes, because OUT1 needs
 * the SQN that OUT2 uncovers: TEMP; OUT2, OUT3, OUT4; OUT1.
 */
export function challenge(slot: usize, constants: usize, record: usize, out: usize): void {
  const opc = v128.load(slot + ROUND_KEYS_SIZE);
  v128.store(temps, v128.xor(v128.load(record), opc));
  encrypt8(slot, temps, temps);
  const temp = v128.load(temps), none = i64x2.splat(0);
  for (let i: usize = 1; i < 4; i++) v128.store(outs + ((i - 1) << 4), outputInput(constants, i, temp, opc, none));
  encrypt8(slot, outs, outs);
  const out2 = v128.xor(v128.load(outs), opc);
  const sqnAmf = load<u64>(record, 16) ^ (i64x2.extract_lane(out2, 0) & AK_MASK);
  v128.store(outs + BLOCKS, outputInput(constants, 0, temp, opc, i64x2.splat(sqnAmf)));
  encrypt8(slot, outs + BLOCKS, outs + BLOCKS);
  store<u64>(out, sqnAmf & AK_MASK);
  store<u64>(out, i64x2.extract_lane(v128.xor(v128.load(outs + BLOCKS), opc), 0), 8);
  store<u64>(out, i64x2.extract_lane(out2, 1), 16);
  v128.store(out, v128.xor(v128.load(outs + 16), opc), 24);
  v128.store(out, v128.xor(v128.load(outs + 32), opc), 40);
  wipeLanes();
}
