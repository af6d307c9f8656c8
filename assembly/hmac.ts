// HMAC (RFC 2104 clause 2) over SHA-1, MD5 or SHA-256:
//   HMAC(K, text) = H(K ^ opad || H(K ^ ipad || text)),  ipad = 0x36..., opad = 0x5c... (64 bytes)
// The states after the blocks K ^ ipad and K ^ opad depend only on the key, so hmacKey computes
// them once into a key slot (RFC 2104 clause 4, "implementation note"); a MAC then costs the
// message's blocks and two finishing compressions. hmacMany runs eight messages at once, one per
// 32-bit lane of two v128 ("multi-buffer", lanes.ts): each lane walks its own message, its final
// blocks and its outer block, and takes the next message as soon as it is done, so lengths may
// differ freely.
//
// Memory formats shared with the TypeScript layer:
//   key slot (HMAC_SLOT_SIZE): inner state (32 bytes), outer state (32), the algorithm (i32).
//   messages (hmacMany): count x (address u32, length u32) of the messages in linear memory.
//   out: each MAC's first `macLength` bytes (RFC 2104 clause 5 truncation), packed.
// Branches and addresses depend on lengths and the algorithm, never on key or message bytes.

import {
  MAX_STATE_SIZE, digest, digestSize, isBigEndian, isHash, hashInit, hashBlocks, hashFinish, hashCompress8, wipeHashScratch,
} from "./hash";
import { padTail } from "./padding";
import { LANES } from "./lanes";
import { copy16, zero16 } from "./blocks";

/** The block size B of all three hashes (RFC 2104 clause 2). */
const B: usize = 64;
const OUTER: usize = MAX_STATE_SIZE;
const ALGORITHM: usize = 2 * MAX_STATE_SIZE;
export const HMAC_SLOT_SIZE: usize = 2 * MAX_STATE_SIZE + 16;

const keyBlock = memory.data(<i32>B, 16);

/**
 * Fills the key slot `slot` for `keyLength` bytes of key at `key` (RFC 2104 clause 2): a key longer
 * than the block is hashed first, then zero-padded to 64 bytes, and the states after compressing
 * K ^ ipad and K ^ opad are kept (clause 4).
 */
export function hmacKey(algorithm: i32, key: usize, keyLength: usize, slot: usize): void {
  assert(isHash(algorithm), "hmacKey: unknown algorithm");
  zero16(keyBlock, B);
  if (keyLength > B) digest(algorithm, key, keyLength, keyBlock);
  else memory.copy(keyBlock, key, keyLength);
  xorBlock(keyBlock, 0x36);
  hashInit(algorithm, slot);
  hashBlocks(algorithm, slot, keyBlock, 1);
  xorBlock(keyBlock, 0x36 ^ 0x5c);
  hashInit(algorithm, slot + OUTER);
  hashBlocks(algorithm, slot + OUTER, keyBlock, 1);
  store<i32>(slot + ALGORITHM, algorithm);
  zero16(keyBlock, B);
  wipeHashScratch(algorithm);
}

function xorBlock(block: usize, byte: u8): void {
  const pad = i8x16.splat(byte);
  for (let i: usize = 0; i < B; i += 16) v128.store(block + i, v128.xor(v128.load(block + i), pad));
}

// @ts-ignore: decorator
@inline function checkSlot(algorithm: i32, slot: usize, macLength: usize): void {
  assert(isHash(algorithm) && load<i32>(slot + ALGORITHM) == algorithm, "HMAC: the key slot is for another algorithm");
  assert(macLength <= digestSize(algorithm), "HMAC: the MAC is longer than the digest");
}

const state = memory.data(<i32>MAX_STATE_SIZE, 16);
const innerDigest = memory.data(<i32>MAX_STATE_SIZE, 16);

/**
 * The MAC of `length` bytes at `message` under the key slot `slot`; its first `macLength` bytes
 * (at most the digest size) go to `out`.
 */
export function hmacMac(algorithm: i32, slot: usize, message: usize, length: usize, out: usize, macLength: usize): void {
  checkSlot(algorithm, slot, macLength);
  const size = digestSize(algorithm), whole = length & ~63;
  copy16(state, slot, MAX_STATE_SIZE);
  hashBlocks(algorithm, state, message, length >> 6);
  hashFinish(algorithm, state, message + whole, length - whole, <u64>(B + length), innerDigest, size);
  copy16(state, slot + OUTER, MAX_STATE_SIZE);
  hashFinish(algorithm, state, innerDigest, size, <u64>(B + size), out, macLength);
  zero16(state, MAX_STATE_SIZE);
  zero16(innerDigest, MAX_STATE_SIZE);
  wipeHashScratch(algorithm);
}

// ---- multi-buffer ----

/** The eight lanes' states, word-major (lanes.ts): word j of lane k at 32 j + 4 k. */
const laneStates = memory.data(<i32>MAX_STATE_SIZE * LANES, 16);
/** Per lane, 128 bytes: its message's padded final blocks. */
const laneFinals = memory.data(128 * LANES, 16);
/** The address of each lane's next block (8 x u32), as hashCompress8 takes them. */
const laneBlocks = memory.data(4 * LANES, 16);
/** What an idle lane compresses: any 64 readable bytes would do. */
const idleBlock = memory.data(<i32>B, 16);
/**
 * Per lane, 64 bytes: the outer hash's one block, inner digest || padding (RFC 2104 step 6). The
 * padding is the same for every message, so it is written once per call and only the digest after.
 */
const laneOuter = memory.data(<i32>B * LANES, 16);

// What a lane is doing: its message's whole blocks (read in place), its final blocks (in
// laneFinals), the outer hash's one block, or nothing. Per lane: the phase, how many blocks of the
// phase remain, how many final blocks the message has, and the message's index.
const IDLE: u32 = 0, WHOLE: u32 = 1, FINAL: u32 = 2, OUTER_BLOCK: u32 = 3;
const lanes = memory.data(4 * LANES * 4, 16);
const PHASE = 0, LEFT = 1, FINALS = 2, INDEX = 3;
// @ts-ignore: decorator
@inline function getLane(field: i32, lane: i32): u32 {
  return load<u32>(lanes + (<usize>(field * LANES + lane) << 2));
}
// @ts-ignore: decorator
@inline function setLane(field: i32, lane: i32, value: u32): void {
  store<u32>(lanes + (<usize>(field * LANES + lane) << 2), value);
}
// @ts-ignore: decorator
@inline function laneWord(lane: i32, j: usize): usize {
  return laneStates + (j << 5) + (<usize>lane << 2);
}
// @ts-ignore: decorator
@inline function finalsOf(lane: i32): usize {
  return laneFinals + (<usize>lane << 7);
}
// @ts-ignore: decorator
@inline function outerOf(lane: i32): usize {
  return laneOuter + (<usize>lane << 6);
}
// @ts-ignore: decorator
@inline function setNext(lane: i32, block: usize): void {
  store<u32>(laneBlocks + (<usize>lane << 2), <u32>block);
}

/** Copies a state (`words` words at `from`) into lane `lane`'s state. */
function setLaneState(lane: i32, from: usize, words: usize): void {
  for (let j: usize = 0; j < words; j++) store<u32>(laneWord(lane, j), load<u32>(from + (j << 2)));
}

/** Copies lane `lane`'s state (`words` words) out to `to`. */
function getLaneState(lane: i32, to: usize, words: usize): void {
  for (let j: usize = 0; j < words; j++) store<u32>(to + (j << 2), load<u32>(laneWord(lane, j)));
}

/** Writes the first `length` bytes of lane `lane`'s digest (its state words in byte order) to `to`. */
function writeLaneDigest(lane: i32, bigEndian: bool, to: usize, length: usize): void {
  let i: usize = 0;
  for (; i + 4 <= length; i += 4) {
    const word = load<u32>(laneWord(lane, i >> 2));
    store<u32>(to + i, bigEndian ? bswap<u32>(word) : word);
  }
  for (; i < length; i++) {
    const word = load<u32>(laneWord(lane, i >> 2)), byte = <u32>(i & 3) << 3;
    store<u8>(to + i, <u8>(word >>> (bigEndian ? 24 - byte : byte)));
  }
}

/** Puts message `index` (of `messages`) into lane `lane`: inner state, final blocks, first phase. */
function startLane(algorithm: i32, slot: usize, messages: usize, index: u32, lane: i32): void {
  const address = load<u32>(messages + (<usize>index << 3)), length = load<u32>(messages + (<usize>index << 3), 4);
  const whole = length & ~63;
  setLaneState(lane, slot, digestSize(algorithm) >> 2);
  const finals = padTail(<usize>(address + whole), length - whole, <u64>B + length, isBigEndian(algorithm), finalsOf(lane));
  setLane(INDEX, lane, index);
  setLane(FINALS, lane, <u32>finals);
  if (whole != 0) {
    setLane(PHASE, lane, WHOLE);
    setLane(LEFT, lane, length >> 6);
    setNext(lane, address);
  } else {
    startFinals(lane);
  }
}

function startFinals(lane: i32): void {
  setLane(PHASE, lane, FINAL);
  setLane(LEFT, lane, getLane(FINALS, lane));
  setNext(lane, finalsOf(lane));
}

// What endPhase did with a lane.
const WORKING = 0, TOOK_NEXT = 1, FELL_IDLE = 2;

/**
 * Moves lane `lane` on once its phase's blocks are done: from the whole blocks to the final ones;
 * from the inner hash to the outer one, whose one block is the inner digest, padded; from the outer
 * hash to writing the MAC and then taking message `next` if `next` < `count`, else falling idle.
 */
function endPhase(algorithm: i32, slot: usize, messages: usize, next: u32, count: u32, lane: i32, out: usize, macLength: usize): i32 {
  const phase = getLane(PHASE, lane), size = digestSize(algorithm), bigEndian = isBigEndian(algorithm);
  if (phase == WHOLE) {
    startFinals(lane);
    return WORKING;
  }
  if (phase == FINAL) {
    const outer = outerOf(lane);
    writeLaneDigest(lane, bigEndian, outer, size);
    setLaneState(lane, slot + OUTER, size >> 2);
    setLane(PHASE, lane, OUTER_BLOCK);
    setLane(LEFT, lane, 1);
    setNext(lane, outer);
    return WORKING;
  }
  writeLaneDigest(lane, bigEndian, out + <usize>getLane(INDEX, lane) * macLength, macLength);
  if (next < count) {
    startLane(algorithm, slot, messages, next, lane);
    return TOOK_NEXT;
  }
  setLane(PHASE, lane, IDLE);
  setNext(lane, idleBlock);
  return FELL_IDLE;
}

/** Writes the padding of each lane's outer block: after the digest (`size` bytes), for 64 + size bytes. */
function padOuterBlocks(size: usize, bigEndian: bool): void {
  const bits: u64 = <u64>(B + size) << 3;
  for (let lane = 0; lane < LANES; lane++) {
    const outer = outerOf(lane);
    zero16(outer, B);
    store<u8>(outer + size, 0x80);
    store<u64>(outer + B - 8, bigEndian ? bswap<u64>(bits) : bits);
  }
}

/** Below this many busy lanes, with no message left to start, the scalar code finishes them. */
const DRAIN_BELOW = 3;

/**
 * The MACs of `count` messages (see the memory formats) under the key slot `slot`, their first
 * `macLength` bytes packed at `out` in message order. Up to eight messages share each pass of the
 * eight-lane compression; a finished lane takes the next message at once. Fewer than DRAIN_BELOW
 * messages (at the start or the end of a batch) go through the scalar code instead, which is then
 * faster than a pass of mostly idle lanes.
 */
export function hmacMany(algorithm: i32, slot: usize, messages: usize, count: u32, out: usize, macLength: usize): void {
  checkSlot(algorithm, slot, macLength);
  let next: u32 = 0, busy = 0;
  const size = digestSize(algorithm);
  padOuterBlocks(size, isBigEndian(algorithm));
  for (let lane = 0; lane < LANES; lane++) {
    setLane(PHASE, lane, IDLE);
    setNext(lane, idleBlock);
  }
  if (count >= <u32>DRAIN_BELOW) {
    for (let lane = 0; lane < LANES && next < count; lane++, busy++) startLane(algorithm, slot, messages, next++, lane);
  }
  while (busy >= DRAIN_BELOW) { // lanes refill while messages remain, so busy < 8 means none remain
    hashCompress8(algorithm, laneStates, laneBlocks);
    for (let lane = 0; lane < LANES; lane++) {
      if (getLane(PHASE, lane) == IDLE) continue;
      const left = getLane(LEFT, lane) - 1;
      setLane(LEFT, lane, left);
      store<u32>(laneBlocks + (<usize>lane << 2), load<u32>(laneBlocks + (<usize>lane << 2)) + <u32>B);
      if (left != 0) continue;
      const result = endPhase(algorithm, slot, messages, next, count, lane, out, macLength);
      if (result == TOOK_NEXT) next++;
      else if (result == FELL_IDLE) busy--;
    }
  }
  // The few lanes still busy: each one's remaining blocks, phase by phase, with the scalar code.
  const words = size >> 2;
  for (let lane = 0; lane < LANES; lane++) {
    while (getLane(PHASE, lane) != IDLE) {
      getLaneState(lane, state, words);
      hashBlocks(algorithm, state, <usize>load<u32>(laneBlocks + (<usize>lane << 2)), <usize>getLane(LEFT, lane));
      setLaneState(lane, state, words);
      endPhase(algorithm, slot, messages, count, count, lane, out, macLength);
    }
  }
  // Messages that never met a lane (fewer than DRAIN_BELOW in all).
  for (; next < count; next++) {
    const at = messages + (<usize>next << 3);
    hmacMac(algorithm, slot, <usize>load<u32>(at), <usize>load<u32>(at, 4), out + <usize>next * macLength, macLength);
  }
  zero16(laneStates, MAX_STATE_SIZE * LANES);
  zero16(laneFinals, 128 * LANES);
  zero16(laneOuter, B * LANES);
  zero16(state, MAX_STATE_SIZE);
  wipeHashScratch(algorithm, true);
}
