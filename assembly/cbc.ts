// AES-128-CBC (NIST SP 800-38A 6.2; RFC 3602 for ESP) over the bitsliced AES of aes.ts and, for
// the encryption of one message, the one-block vector-permute AES of aes-vperm.ts.
//
// Decryption is parallel: every block is decrypted independently (eight per AES pass), then XORed
// with the ciphertext block before it. Encryption is serial within a message (each block needs the
// previous ciphertext block), so cbcEncrypt() runs the one-block engine of aes-vperm.ts (about
// three times faster per block than a bitsliced pass with one lane used). To keep the eight
// bitsliced lanes busy instead, cbcEncryptMany() encrypts up to eight messages at once, one per
// lane, and refills a lane with the next message as soon as its message ends.
//
// Memory formats:
//   key slot:     CBC_SLOT_SIZE bytes from cbcExpandKey(): the bitsliced schedule of expandKey()
//                 (SCHEDULE_SIZE bytes, aes.ts), then the vector-permute one of vpermExpandKey()
//                 (VPERM_SCHEDULE_SIZE bytes, aes-vperm.ts).
//   messages:     whole 16-byte blocks; output may overwrite input (dst == src).
//   descriptors:  for cbcEncryptMany, `count` records of three u32 (little-endian, 12 bytes):
//                 offset of the message (encrypted in place), its length in bytes (a multiple of
//                 16, 0 allowed), offset of its 16-byte IV.

import { SCHEDULE_SIZE, decryptBlocks, encrypt8, expandKey } from "./aes";
import { VPERM_SCHEDULE_SIZE, vpermEncryptCbc, vpermExpandKey } from "./aes-vperm";

/** Bytes of a CBC key slot: both schedules of one key. */
export const CBC_SLOT_SIZE: usize = SCHEDULE_SIZE + VPERM_SCHEDULE_SIZE;

/** Bytes of one record of cbcEncryptMany's descriptor array. */
export const CBC_DESCRIPTOR_SIZE: usize = 12;

// Eight blocks, one per lane of an AES pass. Wiped at the end of every call.
const lanes = memory.data(128, 16);

/** Expands the AES-128 key at `key` (FIPS-197 5.2) into the CBC_SLOT_SIZE bytes at `slot`. */
export function cbcExpandKey(key: usize, slot: usize): void {
  expandKey(key, slot);
  vpermExpandKey(key, slot + SCHEDULE_SIZE);
}

/**
 * Encrypts `blocks` blocks from `src` to `dst` under the key slot `rk` with the IV at `iv`:
 * C_1 = E(P_1 ^ IV), C_j = E(P_j ^ C_(j-1)) (SP 800-38A 6.2). One block at a time on the
 * vector-permute engine, whose single block costs about a third of a bitsliced pass.
 */
export function cbcEncrypt(rk: usize, iv: usize, src: usize, dst: usize, blocks: usize): void {
  vpermEncryptCbc(rk + SCHEDULE_SIZE, iv, src, dst, blocks);
}

/**
 * Decrypts `blocks` blocks from `src` to `dst` (which may be `src`) under the key slot `rk` with the
 * IV at `iv`: P_j = D(C_j) ^ C_(j-1), C_0 = IV (SP 800-38A 6.2). Eight blocks per AES pass.
 */
export function cbcDecrypt(rk: usize, iv: usize, src: usize, dst: usize, blocks: usize): void {
  let chain = v128.load(iv);
  for (let i: usize = 0; i < blocks; i += 8) {
    const n = min<usize>(blocks - i, 8), from = src + (i << 4), to = dst + (i << 4);
    decryptBlocks(rk, from, lanes, n);
    // Backwards, so that writing block k in place never overwrites the ciphertext block k that
    // block k + 1 still needs; the group's last ciphertext block chains into the next group.
    const next = v128.load(from + ((n - 1) << 4));
    for (let k = n - 1; k >= 1; k--) {
      v128.store(to + (k << 4), v128.xor(v128.load(lanes + (k << 4)), v128.load(from + ((k - 1) << 4))));
    }
    v128.store(to, v128.xor(v128.load(lanes), chain));
    chain = next;
  }
  memory.fill(lanes, 0, 128);
}

// Lane bookkeeping of cbcEncryptMany (public offsets, not secrets): the address of the lane's next
// block and the end of its message; a lane without a message has at == end == 0.
const laneAt = memory.data(8 * 4, 16);
const laneEnd = memory.data(8 * 4, 16);

/**
 * Loads the next message with at least one block into `lane`: its IV becomes the lane's chaining
 * value. Returns the index of the message after it, or leaves the lane empty when none is left.
 */
function refill(lane: usize, descriptors: usize, next: u32, count: u32): u32 {
  while (next < count) {
    const record = descriptors + <usize>next * CBC_DESCRIPTOR_SIZE;
    next++;
    const offset = load<u32>(record), length = load<u32>(record, 4);
    assert((length & 15) == 0, "CBC message length is not a whole number of blocks");
    if (length == 0) continue;
    store<u32>(laneAt + (lane << 2), offset);
    store<u32>(laneEnd + (lane << 2), offset + length);
    v128.store(lanes + (lane << 4), v128.load(<usize>load<u32>(record, 8)));
    return next;
  }
  store<u32>(laneAt + (lane << 2), 0);
  store<u32>(laneEnd + (lane << 2), 0);
  return next;
}

/**
 * Encrypts `count` messages in place, as described by the descriptor records at `descriptors`,
 * under the key slot `rk` (SP 800-38A 6.2 for each): eight messages share each AES pass, one per
 * lane, and a lane whose message ends takes the next one, so lanes stay busy while messages of
 * different lengths are in flight. Gives the same bytes as cbcEncrypt() on each message.
 */
export function cbcEncryptMany(rk: usize, descriptors: usize, count: u32): void {
  let next: u32 = 0;
  for (let lane: usize = 0; lane < 8; lane++) next = refill(lane, descriptors, next, count);
  while (true) {
    let busy = false;
    for (let lane: usize = 0; lane < 8; lane++) {
      const at = <usize>load<u32>(laneAt + (lane << 2));
      if (at == load<u32>(laneEnd + (lane << 2))) continue;
      busy = true;
      const slot = lanes + (lane << 4);
      v128.store(slot, v128.xor(v128.load(slot), v128.load(at)));
    }
    if (!busy) break;
    encrypt8(rk, lanes, lanes);
    for (let lane: usize = 0; lane < 8; lane++) {
      const at = load<u32>(laneAt + (lane << 2)), end = load<u32>(laneEnd + (lane << 2));
      if (at == end) continue;
      v128.store(<usize>at, v128.load(lanes + (lane << 4)));
      if (at + 16 == end) next = refill(lane, descriptors, next, count);
      else store<u32>(laneAt + (lane << 2), at + 16);
    }
  }
  memory.fill(lanes, 0, 128);
}

// The gathered blocks of cbcDecryptMany: up to eight ciphertext blocks (from any messages), the
// block each one is XORed with after decryption (its predecessor ciphertext, or its message's IV),
// and where its plaintext goes. Wiped at the end of every call.
const gatherIn = memory.data(128, 16);
const gatherChain = memory.data(128, 16);
const gatherTo = memory.data(8 * 4, 16);

/** Decrypts the `n` gathered blocks in one AES pass and writes P = D(C) ^ chain to each block's place. */
function flushGathered(rk: usize, n: usize): void {
  decryptBlocks(rk, gatherIn, lanes, n);
  for (let k: usize = 0; k < n; k++) {
    const to = <usize>load<u32>(gatherTo + (k << 2));
    v128.store(to, v128.xor(v128.load(lanes + (k << 4)), v128.load(gatherChain + (k << 4))));
  }
}

/**
 * Decrypts `count` messages in place, as described by the descriptor records at `descriptors` (the
 * format of cbcEncryptMany), under the key slot `rk`: P_j = D(C_j) ^ C_(j-1), C_0 = IV, for each
 * (SP 800-38A 6.2). CBC decryption has no chain between blocks, so the blocks of all messages are
 * streamed eight at a time through the bitsliced AES, whatever the messages' lengths; each
 * ciphertext block is copied aside before any plaintext overwrites it. Gives the same bytes as
 * cbcDecrypt() on each message.
 */
export function cbcDecryptMany(rk: usize, descriptors: usize, count: u32): void {
  let n: usize = 0;
  for (let i: u32 = 0; i < count; i++) {
    const record = descriptors + <usize>i * CBC_DESCRIPTOR_SIZE;
    const offset = <usize>load<u32>(record), length = <usize>load<u32>(record, 4);
    assert((length & 15) == 0, "CBC message length is not a whole number of blocks");
    let chain = v128.load(<usize>load<u32>(record, 8));
    for (let at = offset; at < offset + length; at += 16) {
      const block = v128.load(at);
      v128.store(gatherIn + (n << 4), block);
      v128.store(gatherChain + (n << 4), chain);
      store<u32>(gatherTo + (n << 2), <u32>at);
      chain = block;
      if (++n == 8) {
        flushGathered(rk, 8);
        n = 0;
      }
    }
  }
  if (n != 0) flushGathered(rk, n);
  memory.fill(lanes, 0, 128);
  memory.fill(gatherIn, 0, 128);
  memory.fill(gatherChain, 0, 128);
}
