// TUAK (3GPP TS 35.231): TOPc, f1, f1*, f2, f3, f4, f5 and f5*, each one Keccak-f[1600]
// permutation (iterated KeccakIterations times) of a 200-byte input block:
//
//   bytes 0..31    TOP (for TOPc) or TOPc          byte 32      INSTANCE
//   bytes 33..39   ALGONAME = "TUAK1.0"            bytes 40..55 RAND
//   bytes 56..57   AMF                             bytes 58..63 SQN
//   bytes 64..95   K (a 128-bit K fills 64..79, zeros follow)
//   byte 96        0x1f                            byte 135     0x80     all other bytes zero
//
// TS 35.231 numbers the bits of the Keccak string s from 0 (the least significant bit of state
// byte 0) and places each value with its least significant bit first (clauses 4.2.2 and 5.2), the
// reverse of the 3GPP convention of most significant bit first. Placing a value, or taking an
// output, thus reverses the order of its bytes; the bits within a byte keep their order. Outputs
// are the first bits of the state after the permutation: TOPc, MAC and RES from byte 0, CK from 32,
// IK from 64, AK from 96 (clauses 6.1 to 6.5).
//
// The INSTANCE byte says which function runs and with which lengths (clauses 6.1 to 6.5):
//   bit 7: f1* or f5*    bit 6: f2..f5 or f5*    bits 5..3: MAC or RES length (001 = 64, 010 = 128,
//   100 = 256 bits; a 32-bit RES is 000)    bit 2: 256-bit CK    bit 1: 256-bit IK    bit 0: 256-bit K
//
// Memory formats shared with the TypeScript layer:
//   slot (TUAK_SLOT_SIZE): the input block with TOPc, ALGONAME, K and the padding in place (bytes
//     0..199; INSTANCE, RAND, AMF and SQN left zero), then the parameters: Keccak iterations (u32
//     at 200), the MAC, RES, CK and IK lengths in bytes (u8 at 204..207) and the INSTANCE bytes of
//     f1, f1*, f2..f5 and f5* (u8 at 208..211).
//   record (24 bytes): RAND (16) || SQN (6) || AMF (2), as for Milenage.
//   outputs (TUAK_OUTPUTS_SIZE): MAC-A at 0, MAC-S at 32, RES at 64, CK at 96, IK at 128 (each
//     written to its length), AK at 160, AK* at 166.

import { KECCAK_STATE_SIZE, keccakF1600, keccakF1600x2 } from "./keccak";

export const TUAK_SLOT_SIZE: usize = 224;
export const TUAK_OUTPUTS_SIZE: usize = 172;

/** Which outputs tuakOutputs() computes: a bit for each permutation. */
export const TUAK_F1: u32 = 1, TUAK_F1_STAR: u32 = 2, TUAK_F2345: u32 = 4, TUAK_F5_STAR: u32 = 8;

const ITERATIONS = 200, LENGTHS = 204, INSTANCES = 208;
const ALGONAME = memory.data<u8>([0x54, 0x55, 0x41, 0x4b, 0x31, 0x2e, 0x30]); // "TUAK1.0"

/**
 * The blocks being permuted, two so that f1 with f1*, and f2..f5 with f5*, run as one pair of
 * permutations (keccakF1600x2); wiped at the end of every call.
 */
const states = memory.data(2 * <i32>KECCAK_STATE_SIZE, 16);
const first = states, second = states + KECCAK_STATE_SIZE;

/** Copies `length` bytes from `src` to `dst` in reverse order. */
function copyReversed(dst: usize, src: usize, length: usize): void {
  for (let i: usize = 0; i < length; i++) store<u8>(dst + i, load<u8>(src + length - 1 - i));
}

/**
 * Bits 5..3 of INSTANCE for a MAC or RES of `bytes` bytes: 8 -> 001, 16 -> 010, 32 -> 100 and a
 * 32-bit RES (4 bytes) -> 000, which is the length in bytes itself with bits 2..0 cleared.
 */
// @ts-ignore: decorator
@inline function lengthCode(bytes: u32): u8 {
  return <u8>(bytes & 0x38);
}

/**
 * Fills a TUAK slot for subscriber key `k` (`kLength` 16 or 32 bytes) and `top` (32 bytes): TOP
 * turned into TOPc (clause 6.1) if `fromTop`, or TOPc as given. Lengths are in bytes: MAC 8, 16 or
 * 32; RES 4, 8, 16 or 32; CK and IK 16 or 32.
 */
export function tuakInit(
  slot: usize, k: usize, kLength: u32, top: usize, fromTop: bool,
  macLength: u32, resLength: u32, ckLength: u32, ikLength: u32, iterations: u32,
): void {
  assert(kLength == 16 || kLength == 32, "TUAK K length");
  assert(iterations >= 1, "TUAK iterations");
  memory.fill(slot, 0, TUAK_SLOT_SIZE);
  copyReversed(slot, top, 32);
  copyReversed(slot + 33, ALGONAME, 7);
  copyReversed(slot + 64, k, kLength);
  store<u8>(slot, 0x1f, 96);
  store<u8>(slot, 0x80, 135);
  store<u32>(slot, iterations, ITERATIONS);
  store<u8>(slot, <u8>macLength, LENGTHS);
  store<u8>(slot, <u8>resLength, LENGTHS + 1);
  store<u8>(slot, <u8>ckLength, LENGTHS + 2);
  store<u8>(slot, <u8>ikLength, LENGTHS + 3);
  const longKey = <u8>(kLength == 32 ? 1 : 0);
  store<u8>(slot, lengthCode(macLength) | longKey, INSTANCES);
  store<u8>(slot, 0x80 | lengthCode(macLength) | longKey, INSTANCES + 1);
  const ck = <u8>(ckLength == 32 ? 4 : 0), ik = <u8>(ikLength == 32 ? 2 : 0);
  store<u8>(slot, 0x40 | lengthCode(resLength) | ck | ik | longKey, INSTANCES + 2);
  store<u8>(slot, 0xc0 | longKey, INSTANCES + 3);
  if (fromTop) {
    // TOPc: INSTANCE carries only the K length; RAND, AMF and SQN are zero (clause 6.1). TOPc is
    // read reversed from bytes 0..31 and placed reversed at the same bytes: a plain copy.
    prepare(first, slot, longKey, 0, false);
    keccakF1600(first, iterations);
    memory.copy(slot, first, 32);
    wipe();
  }
}

/**
 * Fills the block at `block` from the slot's, with INSTANCE, RAND (from `record`, unless it is 0)
 * and, if `withSqnAmf`, AMF and SQN.
 */
function prepare(block: usize, slot: usize, instance: u8, record: usize, withSqnAmf: bool): void {
  memory.copy(block, slot, KECCAK_STATE_SIZE);
  store<u8>(block, instance, 32);
  if (record != 0) copyReversed(block + 40, record, 16);
  if (withSqnAmf) {
    copyReversed(block + 56, record + 22, 2); // AMF
    copyReversed(block + 58, record + 16, 6); // SQN
  }
}

/** Permutes `first` if `inFirst`, `second` if `inSecond`: both at once when both are wanted. */
function permute(inFirst: bool, inSecond: bool, iterations: u32): void {
  if (inFirst && inSecond) keccakF1600x2(first, second, iterations);
  else if (inFirst) keccakF1600(first, iterations);
  else if (inSecond) keccakF1600(second, iterations);
}

function wipe(): void {
  memory.fill(states, 0, 2 * KECCAK_STATE_SIZE);
}

/**
 * The outputs selected by `functions` (TUAK_F1 | TUAK_F1_STAR | TUAK_F2345 | TUAK_F5_STAR) for one
 * record, written to `out` (see the layout above): f1 (clause 6.2) and f1* (6.3) from RAND, SQN and
 * AMF; f2, f3, f4, f5 (6.4) and f5* (6.5) from RAND alone.
 */
export function tuakOutputs(slot: usize, record: usize, out: usize, functions: u32): void {
  const iterations = load<u32>(slot, ITERATIONS);
  const f1 = (functions & TUAK_F1) != 0, f1Star = (functions & TUAK_F1_STAR) != 0;
  if (f1) prepare(first, slot, load<u8>(slot, INSTANCES), record, true);
  if (f1Star) prepare(second, slot, load<u8>(slot, INSTANCES + 1), record, true);
  permute(f1, f1Star, iterations);
  const macLength = <usize>load<u8>(slot, LENGTHS);
  if (f1) copyReversed(out, first, macLength);
  if (f1Star) copyReversed(out + 32, second, macLength);

  const f2345 = (functions & TUAK_F2345) != 0, f5Star = (functions & TUAK_F5_STAR) != 0;
  if (f2345) prepare(first, slot, load<u8>(slot, INSTANCES + 2), record, false);
  if (f5Star) prepare(second, slot, load<u8>(slot, INSTANCES + 3), record, false);
  permute(f2345, f5Star, iterations);
  if (f2345) {
    copyReversed(out + 64, first, <usize>load<u8>(slot, LENGTHS + 1));
    copyReversed(out + 96, first + 32, <usize>load<u8>(slot, LENGTHS + 2));
    copyReversed(out + 128, first + 64, <usize>load<u8>(slot, LENGTHS + 3));
    copyReversed(out + 160, first + 96, 6);
  }
  if (f5Star) copyReversed(out + 166, second + 96, 6);
  wipe();
}

/** Bytes tuakChallenge() writes: SQN at 0, XMAC-A at 8, RES at 40, CK at 72, IK at 104 (each to its length). */
export const TUAK_CHALLENGE_SIZE: usize = 136;

/** RAND || SQN || AMF of a challenge once SQN is uncovered: the record f1 reads. */
const uncovered = memory.data(24, 16);

/**
 * The USIM / ISIM side of one challenge (TS 33.102 clause 6.3.3) from RAND || AUTN at `record`
 * (AUTN = SQN ^ AK || AMF || MAC-A): f2..f5 (clause 6.4) first, whose AK uncovers SQN, then f1
 * (clause 6.2) over it; two permutations in turn, as f1 needs what f5 gives. Writes SQN, XMAC-A,
 * RES, CK and IK to `out` (TUAK_CHALLENGE_SIZE bytes, layout above).
 */
export function tuakChallenge(slot: usize, record: usize, out: usize): void {
  const iterations = load<u32>(slot, ITERATIONS);
  prepare(first, slot, load<u8>(slot, INSTANCES + 2), record, false);
  keccakF1600(first, iterations);
  copyReversed(out + 40, first, <usize>load<u8>(slot, LENGTHS + 1));
  copyReversed(out + 72, first + 32, <usize>load<u8>(slot, LENGTHS + 2));
  copyReversed(out + 104, first + 64, <usize>load<u8>(slot, LENGTHS + 3));
  copyReversed(out, first + 96, 6); // AK, then SQN = (SQN ^ AK) ^ AK in place
  for (let i: usize = 0; i < 6; i++) store<u8>(out + i, load<u8>(out + i) ^ load<u8>(record + 16 + i));
  memory.copy(uncovered, record, 16);
  memory.copy(uncovered + 16, out, 6);
  memory.copy(uncovered + 22, record + 22, 2);
  prepare(first, slot, load<u8>(slot, INSTANCES), uncovered, true);
  keccakF1600(first, iterations);
  copyReversed(out + 8, first, <usize>load<u8>(slot, LENGTHS));
  memory.fill(uncovered, 0, 24);
  wipe();
}
