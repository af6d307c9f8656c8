// TDEA-CBC (RFC 2451, the ESP_3DES transform; NIST SP 800-38A 6.2 over SP 800-67 TDEA): key slots,
// the choice of engine, and the kernels exported to JavaScript.
//
// Two constant-time engines (see assembly/des.ts and assembly/des-bitsliced.ts): the one-block engine
// runs serial chains (CBC encryption of one message, and short decryptions); the bitsliced one runs
// 128 independent blocks per pass (CBC decryption of longer messages, and CBC encryption of many
// messages at once, one message per lane). Which one runs follows from measurement: a bitsliced pass
// costs about as much as PASS_COST blocks through the one-block engine.
//
// Memory formats:
//   key slot (TDES_SLOT_SIZE bytes): the round-key schedule of des.ts (SCHEDULE_SIZE bytes), the key
//     bundle K1 || K2 || K3 itself (24 bytes, padded to 32), then its key planes (KEY_PLANES_SIZE).
//   job (TDES_JOB_SIZE bytes, for tdesEncryptCbcMany): five u32: key slot, IV (8 bytes), source,
//     destination (which may be the source) and the number of 8-byte blocks.

import { SCHEDULE_SIZE, decryptCbcSerial, encryptCbcSerial, expandSchedule } from './des';
import { KEY_PLANES_SIZE, LANES, keyPlanesOfLanes, keyPlanesOfOneKey, tdeaBitsliced } from './des-bitsliced';

const KEY_BUNDLE: usize = SCHEDULE_SIZE;
const KEY_PLANES: usize = SCHEDULE_SIZE + 32;

/** Bytes of a TDEA key slot. */
export const TDES_SLOT_SIZE: usize = KEY_PLANES + KEY_PLANES_SIZE;

/** Bytes of one job of tdesEncryptCbcMany(). */
export const TDES_JOB_SIZE: usize = 20;

/** A bitsliced pass costs about as much as this many blocks through the one-block engine (measured). */
const PASS_COST: usize = 10;

/** Expands the key bundle K1 || K2 || K3 (24 bytes at `key`, parity bits ignored) into the slot at `slot`. */
export function tdesExpandKey(key: usize, slot: usize): void {
  expandSchedule(key, slot);
  memory.copy(slot + KEY_BUNDLE, key, 24);
  keyPlanesOfOneKey(key, slot + KEY_PLANES);
}

/** Encrypts `count` 8-byte blocks from `src` to `dst` (which may be `src`) in CBC mode from the IV at `iv`. */
export function tdesEncryptCbc(slot: usize, iv: usize, src: usize, dst: usize, count: usize): void {
  encryptCbcSerial(slot, iv, src, dst, count);
}

const lanes = memory.data(<i32>LANES * 8, 16);

/** Decrypts `count` 8-byte blocks from `src` to `dst` (which may be `src`) in CBC mode from the IV at `iv`. */
export function tdesDecryptCbc(slot: usize, iv: usize, src: usize, dst: usize, count: usize): void {
  if (count < PASS_COST) {
    decryptCbcSerial(slot, iv, src, dst, count);
    return;
  }
  let chain = load<u64>(iv);
  for (let start: usize = 0; start < count; start += LANES) {
    const n = min(LANES, count - start), from = src + (start << 3), to = dst + (start << 3);
    memory.copy(lanes, from, n << 3);
    tdeaBitsliced(slot + KEY_PLANES, lanes, true);
    // P_i = D(C_i) ^ C_(i-1), written from the last block down so that in place, C_(i-1) is still there.
    const last = load<u64>(from + ((n - 1) << 3));
    for (let i = n - 1; i > 0; i--) {
      store<u64>(to + (i << 3), load<u64>(lanes + (i << 3)) ^ load<u64>(from + ((i - 1) << 3)));
    }
    store<u64>(to, load<u64>(lanes) ^ chain);
    chain = last;
  }
  memory.fill(lanes, 0, LANES << 3);
}

// The lanes of tdesEncryptCbcMany(): which job each one runs (-1: none), its next block, its chain.
const laneJob = memory.data(<i32>LANES * 4, 16);
const laneBlock = memory.data(<i32>LANES * 4, 16);
const laneChain = memory.data(<i32>LANES * 8, 16);
const laneKeys = memory.data(<i32>LANES * 24, 16);
const laneKeyPlanes = memory.data(<i32>KEY_PLANES_SIZE, 16);
const scratch = memory.data(<i32>LANES * 8, 16);

// @ts-ignore: decorator
@inline function job(jobs: usize, index: i32): usize { return jobs + <usize>index * TDES_JOB_SIZE; }

// The fields of a job (see the memory formats above).
// @ts-ignore: decorator
@inline function slotOf(job: usize): usize { return <usize>load<u32>(job); }
// @ts-ignore: decorator
@inline function ivOf(job: usize): usize { return <usize>load<u32>(job, 4); }
// @ts-ignore: decorator
@inline function srcOf(job: usize): usize { return <usize>load<u32>(job, 8); }
// @ts-ignore: decorator
@inline function dstOf(job: usize): usize { return <usize>load<u32>(job, 12); }
// @ts-ignore: decorator
@inline function blocksOf(job: usize): usize { return <usize>load<u32>(job, 16); }

/**
 * CBC-encrypts `count` messages (the jobs at `jobs`, TDES_JOB_SIZE bytes each), each under its own
 * key slot: one message per lane of the bitsliced engine, a lane taking the next message as soon as
 * its own is done. Few messages go one by one through the one-block engine instead.
 */
export function tdesEncryptCbcMany(jobs: usize, count: i32): void {
  if (!worthBitslicing(jobs, count)) {
    for (let j = 0; j < count; j++) {
      const at = job(jobs, j);
      encryptCbcSerial(slotOf(at), ivOf(at), srcOf(at), dstOf(at), blocksOf(at));
    }
    return;
  }
  let next = 0, active = 0;
  for (let lane: usize = 0; lane < LANES; lane++) {
    next = assign(jobs, count, next, lane);
    if (load<i32>(laneJob + (lane << 2)) >= 0) active++;
  }
  let keysChanged = true;
  while (active > 0) {
    if (keysChanged) {
      for (let lane: usize = 0; lane < LANES; lane++) {
        const j = load<i32>(laneJob + (lane << 2));
        if (j >= 0) memory.copy(laneKeys + lane * 24, slotOf(job(jobs, j)) + KEY_BUNDLE, 24);
      }
      keyPlanesOfLanes(laneKeys, laneKeyPlanes, scratch);
      keysChanged = false;
    }
    for (let lane: usize = 0; lane < LANES; lane++) {
      const j = load<i32>(laneJob + (lane << 2));
      let block: u64 = 0;
      if (j >= 0) {
        const src = srcOf(job(jobs, j)) + (<usize>load<u32>(laneBlock + (lane << 2)) << 3);
        block = load<u64>(src) ^ load<u64>(laneChain + (lane << 3));
      }
      store<u64>(lanes + (lane << 3), block);
    }
    tdeaBitsliced(laneKeyPlanes, lanes, false);
    for (let lane: usize = 0; lane < LANES; lane++) {
      const j = load<i32>(laneJob + (lane << 2));
      if (j < 0) continue;
      const at = job(jobs, j), block = <usize>load<u32>(laneBlock + (lane << 2));
      const c = load<u64>(lanes + (lane << 3));
      store<u64>(dstOf(at) + (block << 3), c);
      store<u64>(laneChain + (lane << 3), c);
      store<u32>(laneBlock + (lane << 2), <u32>block + 1);
      if (block + 1 < blocksOf(at)) continue;
      next = assign(jobs, count, next, lane);
      if (load<i32>(laneJob + (lane << 2)) < 0) active--;
      keysChanged = true;
    }
  }
  memory.fill(laneKeys, 0, <i32>LANES * 24);
  memory.fill(laneKeyPlanes, 0, <i32>KEY_PLANES_SIZE);
  memory.fill(laneChain, 0, <i32>LANES * 8);
  memory.fill(lanes, 0, <i32>LANES * 8);
}

/**
 * Whether the bitsliced engine is the faster way through these jobs: with lanes refilled as messages
 * end, it needs about max(longest message, all blocks / 128) passes.
 */
function worthBitslicing(jobs: usize, count: i32): bool {
  let total: usize = 0, longest: usize = 0;
  for (let j = 0; j < count; j++) {
    const blocks = blocksOf(job(jobs, j));
    total += blocks;
    longest = max(longest, blocks);
  }
  return total >= PASS_COST * max(longest, (total + LANES - 1) / LANES);
}

/** Gives `lane` the first job from `next` on with blocks to encrypt (or none: -1); returns the new `next`. */
function assign(jobs: usize, count: i32, next: i32, lane: usize): i32 {
  while (next < count && blocksOf(job(jobs, next)) == 0) next++;
  if (next == count) {
    store<i32>(laneJob + (lane << 2), -1);
    return next;
  }
  store<i32>(laneJob + (lane << 2), next);
  store<u32>(laneBlock + (lane << 2), 0);
  store<u64>(laneChain + (lane << 3), load<u64>(ivOf(job(jobs, next))));
  return next + 1;
}

/** Bytes of one record of tdesDecryptCbcMany's descriptor array: offset, length in bytes, IV offset (u32 each). */
export const TDES_DESCRIPTOR_SIZE: usize = 12;

// The gathered blocks of tdesDecryptCbcMany (see assembly/cbc.ts cbcDecryptMany): ciphertexts, the
// block each is XORed with after decryption, and where its plaintext goes.
const gatherChain = memory.data(<i32>LANES * 8, 16);
const gatherTo = memory.data(<i32>LANES * 4, 16);

function flushGathered(slot: usize, n: usize): void {
  tdeaBitsliced(slot + KEY_PLANES, lanes, true);
  for (let k: usize = 0; k < n; k++) {
    store<u64>(<usize>load<u32>(gatherTo + (k << 2)), load<u64>(lanes + (k << 3)) ^ load<u64>(gatherChain + (k << 3)));
  }
}

/**
 * CBC-decrypts `count` messages in place under one key slot (SP 800-38A 6.2; RFC 2451 2.1), as the
 * descriptor records at `descriptors` say (TDES_DESCRIPTOR_SIZE bytes each, lengths whole 8-byte
 * blocks). The blocks of all messages stream through the bitsliced engine 128 at a time, since CBC
 * decryption has no chain between blocks; fewer blocks than a pass is worth go one message at a
 * time through the one-block engine. Gives the same bytes as tdesDecryptCbc() on each message.
 */
export function tdesDecryptCbcMany(slot: usize, descriptors: usize, count: u32): void {
  let total: usize = 0;
  for (let i: u32 = 0; i < count; i++) total += <usize>load<u32>(descriptors + <usize>i * TDES_DESCRIPTOR_SIZE, 4) >> 3;
  if (total < PASS_COST) {
    for (let i: u32 = 0; i < count; i++) {
      const record = descriptors + <usize>i * TDES_DESCRIPTOR_SIZE, at = <usize>load<u32>(record);
      decryptCbcSerial(slot, <usize>load<u32>(record, 8), at, at, <usize>load<u32>(record, 4) >> 3);
    }
    return;
  }
  let n: usize = 0;
  for (let i: u32 = 0; i < count; i++) {
    const record = descriptors + <usize>i * TDES_DESCRIPTOR_SIZE;
    const offset = <usize>load<u32>(record), length = <usize>load<u32>(record, 4);
    assert((length & 7) == 0, "TDEA-CBC message length is not a whole number of blocks");
    let chain = load<u64>(<usize>load<u32>(record, 8));
    for (let at = offset; at < offset + length; at += 8) {
      const block = load<u64>(at);
      store<u64>(lanes + (n << 3), block);
      store<u64>(gatherChain + (n << 3), chain);
      store<u32>(gatherTo + (n << 2), <u32>at);
      chain = block;
      if (++n == LANES) {
        flushGathered(slot, LANES);
        n = 0;
      }
    }
  }
  if (n != 0) flushGathered(slot, n);
  memory.fill(lanes, 0, <i32>LANES * 8);
  memory.fill(gatherChain, 0, <i32>LANES * 8);
}
