// HMAC (RFC 2104 clause 2) over SHA-1, MD5 or SHA-256:
//   HMAC(K, text) = H(K ^ opad || H(K ^ ipad || text)),  ipad = 0x36..., opad = 0x5c... (64 bytes)
// The states after the blocks K ^ ipad and K ^ opad depend only on the key, so hmacKey computes
// them once into a key slot (RFC 2104 clause 4, "implementation note"); a MAC then costs the
// message's blocks and two finishing compressions. hmacMany runs four messages at once, one per
// 32-bit lane of v128 ("multi-buffer"): each lane walks its own message, its final blocks and its
// outer block, and takes the next message as soon as it is done, so lengths may differ freely.
//
// Memory formats shared with the TypeScript layer:
//   key slot (HMAC_SLOT_SIZE): inner state (32 bytes), outer state (32), the algorithm (i32).
//   messages (hmacMany): count x (address u32, length u32) of the messages in linear memory.
//   out: each MAC's first `macLength` bytes (RFC 2104 clause 5 truncation), packed.
// Branches and addresses depend on lengths and the algorithm, never on key or message bytes.

import {
  MAX_STATE_SIZE, digest, digestSize, isBigEndian, isHash, hashInit, hashBlocks, hashFinish, hashCompress4, wipeHashScratch,
} from "./hash";
import { padTail } from "./padding";

/** The block size B of all three hashes (RFC 2104 clause 2). */
const B: usize = 64;
const OUTER: usize = MAX_STATE_SIZE;
const ALGORITHM: usize = 2 * MAX_STATE_SIZE;
export const HMAC_SLOT_SIZE: usize = 2 * MAX_STATE_SIZE + 16;

const keyBlock = memory.data(<i32>B, 16);

/**
 * Fills the key slot `slot` for `keyLength` bytes of key at `key` (RFC 2104 clause 2): a key longer
 * than the block is hashed first (clause 3), then zero-padded to 64 bytes, and the states after
 * compressing K ^ ipad and K ^ opad are kept.
 */
export function hmacKey(algorithm: i32, key: usize, keyLength: usize, slot: usize): void {
  assert(isHash(algorithm), "hmacKey: unknown algorithm");
  memory.fill(keyBlock, 0, B);
  if (keyLength > B) digest(algorithm, key, keyLength, keyBlock);
  else memory.copy(keyBlock, key, keyLength);
  xorBlock(keyBlock, 0x36);
  hashInit(algorithm, slot);
  hashBlocks(algorithm, slot, keyBlock, 1);
  xorBlock(keyBlock, 0x36 ^ 0x5c);
  hashInit(algorithm, slot + OUTER);
  hashBlocks(algorithm, slot + OUTER, keyBlock, 1);
  store<i32>(slot + ALGORITHM, algorithm);
  memory.fill(keyBlock, 0, B);
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
  memory.copy(state, slot, MAX_STATE_SIZE);
  hashBlocks(algorithm, state, message, length >> 6);
  hashFinish(algorithm, state, message + whole, length - whole, <u64>(B + length), innerDigest, size);
  memory.copy(state, slot + OUTER, MAX_STATE_SIZE);
  hashFinish(algorithm, state, innerDigest, size, <u64>(B + size), out, macLength);
  memory.fill(state, 0, MAX_STATE_SIZE);
  memory.fill(innerDigest, 0, MAX_STATE_SIZE);
  wipeHashScratch(algorithm);
}

// ---- multi-buffer ----

const LANES = 4;
/** The four lanes' states, word-major (lanes.ts): word j of lane k at 16 j + 4 k. */
const laneStates = memory.data(<i32>MAX_STATE_SIZE * LANES, 16);
/** Per lane, 128 bytes: its message's padded final blocks, later its outer block. */
const laneFinals = memory.data(128 * LANES, 16);
/** What an idle lane compresses: any 64 readable bytes would do. */
const idleBlock = memory.data(<i32>B, 16);
/** A lane's digest, as bytes. */
const laneDigest = memory.data(<i32>MAX_STATE_SIZE, 16);

// What a lane is doing: the message's whole blocks (in place), its final blocks (in laneFinals),
// the outer hash's single block, or nothing. Per lane: the phase, the next block's address, how
// many blocks of this phase remain, how many final blocks the message has, and its index.
const IDLE: u32 = 0, WHOLE: u32 = 1, FINAL: u32 = 2, OUTER_BLOCK: u32 = 3;
const lanes = memory.data(5 * LANES * 4, 16);
const PHASE = 0, NEXT = 1, LEFT = 2, FINALS = 3, INDEX = 4;
// @ts-ignore: decorator
@inline function getLane(field: i32, lane: i32): u32 {
  return load<u32>(lanes + (<usize>(field * LANES + lane) << 2));
}
// @ts-ignore: decorator
@inline function setLane(field: i32, lane: i32, value: u32): void {
  store<u32>(lanes + (<usize>(field * LANES + lane) << 2), value);
}

/** Copies a state (`words` words at `from`) into lane `lane` of laneStates. */
function setLaneState(lane: i32, from: usize, words: usize): void {
  for (let j: usize = 0; j < words; j++) store<u32>(laneStates + (j << 4) + (<usize>lane << 2), load<u32>(from + (j << 2)));
}

/** Writes lane `lane`'s digest bytes (`words` words) to laneDigest. */
function readLaneDigest(lane: i32, words: usize, bigEndian: bool): void {
  for (let j: usize = 0; j < words; j++) {
    const word = load<u32>(laneStates + (j << 4) + (<usize>lane << 2));
    store<u32>(laneDigest + (j << 2), bigEndian ? bswap<u32>(word) : word);
  }
}

/** Puts message `index` (of `messages`) into lane `lane`: inner state, final blocks, first phase. */
function startLane(algorithm: i32, slot: usize, messages: usize, index: u32, lane: i32): void {
  const address = load<u32>(messages + (<usize>index << 3)), length = load<u32>(messages + (<usize>index << 3), 4);
  const whole = length & ~63;
  setLaneState(lane, slot, digestSize(algorithm) >> 2);
  const finals = padTail(<usize>(address + whole), length - whole, <u64>B + length, isBigEndian(algorithm), laneFinals + (<usize>lane << 7));
  setLane(INDEX, lane, index);
  setLane(FINALS, lane, <u32>finals);
  if (whole != 0) {
    setLane(PHASE, lane, WHOLE);
    setLane(NEXT, lane, address);
    setLane(LEFT, lane, length >> 6);
  } else {
    startFinals(lane);
  }
}

function startFinals(lane: i32): void {
  setLane(PHASE, lane, FINAL);
  setLane(NEXT, lane, <u32>(laneFinals + (<usize>lane << 7)));
  setLane(LEFT, lane, getLane(FINALS, lane));
}

// @ts-ignore: decorator
@inline function laneBlock(lane: i32): usize {
  return getLane(PHASE, lane) == IDLE ? idleBlock : <usize>getLane(NEXT, lane);
}

/**
 * The MACs of `count` messages (see the memory formats) under the key slot `slot`, their first
 * `macLength` bytes packed at `out` in message order. One message alone takes the scalar path.
 */
export function hmacMany(algorithm: i32, slot: usize, messages: usize, count: u32, out: usize, macLength: usize): void {
  checkSlot(algorithm, slot, macLength);
  if (count == 1) {
    hmacMac(algorithm, slot, <usize>load<u32>(messages), <usize>load<u32>(messages, 4), out, macLength);
    return;
  }
  const size = digestSize(algorithm), words = size >> 2, bigEndian = isBigEndian(algorithm);
  let next: u32 = 0, active = 0;
  for (let lane = 0; lane < LANES; lane++) {
    if (next < count) {
      startLane(algorithm, slot, messages, next++, lane);
      active++;
    } else {
      setLane(PHASE, lane, IDLE);
    }
  }
  while (active > 0) {
    hashCompress4(algorithm, laneStates, laneBlock(0), laneBlock(1), laneBlock(2), laneBlock(3));
    for (let lane = 0; lane < LANES; lane++) {
      const phase = getLane(PHASE, lane);
      if (phase == IDLE) continue;
      const left = getLane(LEFT, lane) - 1;
      setLane(LEFT, lane, left);
      setLane(NEXT, lane, getLane(NEXT, lane) + <u32>B);
      if (left != 0) continue;
      if (phase == WHOLE) {
        startFinals(lane);
      } else if (phase == FINAL) {
        // The inner hash is done: its digest, padded, is the outer hash's one block.
        readLaneDigest(lane, words, bigEndian);
        const block = laneFinals + (<usize>lane << 7);
        padTail(laneDigest, size, <u64>(B + size), bigEndian, block);
        setLaneState(lane, slot + OUTER, words);
        setLane(PHASE, lane, OUTER_BLOCK);
        setLane(NEXT, lane, <u32>block);
        setLane(LEFT, lane, 1);
      } else {
        readLaneDigest(lane, words, bigEndian);
        memory.copy(out + <usize>getLane(INDEX, lane) * macLength, laneDigest, macLength);
        if (next < count) {
          startLane(algorithm, slot, messages, next++, lane);
        } else {
          setLane(PHASE, lane, IDLE);
          active--;
        }
      }
    }
  }
  memory.fill(laneStates, 0, MAX_STATE_SIZE * LANES);
  memory.fill(laneFinals, 0, 128 * LANES);
  memory.fill(laneDigest, 0, MAX_STATE_SIZE);
  wipeHashScratch(algorithm);
}
