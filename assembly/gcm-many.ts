// AES-128-GCM and GMAC (NIST SP 800-38D) over many messages under one key in one call, for the
// batch forms of ESP (RFC 4106, RFC 4543): the CTR keystream of all messages' blocks is streamed
// eight blocks per bitsliced AES pass whatever the messages' lengths, the E(K, J0) that masks each
// tag rides eight messages per pass, and each message is hashed by the constant-time GHASH.
//
// Messages go eight at a time, so that their bytes are still in the cache when they are read again:
// sealing encrypts the eight, then tags them; opening tags the eight first and compares each tag in
// constant time, then decrypts only the messages whose tag is right, so no plaintext of a failed
// message is ever computed (their bytes stay as they came in). A pass may hold the last blocks of
// one message and the first of the next, within the eight.
//
// Memory formats:
//   key slot:     a GCM key slot from gcmInit() (gcm.ts).
//   nonces:       12 bytes (96-bit IVs only: J0 = IV || 0^31 || 1, SP 800-38D 7.1 step 2; RFC 4106
//                 section 4 and RFC 4543 section 3.2 nonces are salt || IV, 12 bytes).
//   descriptors:  `count` records of seven u32 (little-endian, GCM_MANY_DESCRIPTOR_SIZE bytes):
//                 nonce offset, AAD offset, AAD length, text offset, text length (0 for GMAC),
//                 tag offset, tag length (1 to 16: the leading bytes written or compared).
//                 The text is encrypted or decrypted in place.
//   results:      gcmOpenMany writes one byte per message: 1 if its tag is right, else 0.

import { ROUND_KEYS_SIZE, encrypt8 } from "./aes";
import { ghashUpdate } from "./ghash";

/** Bytes of one record of the descriptor array of gcmSealMany / gcmOpenMany. */
export const GCM_MANY_DESCRIPTOR_SIZE: usize = 28;

// Eight counter blocks and their keystream; per lane the address and length of the text block it
// masks. The tag pass: eight E(J0). The GHASH state and the length block. All wiped after a call.
const lanes = memory.data(128, 16);
const laneAt = memory.data(8 * 4, 16);
const laneLength = memory.data(8 * 4, 16);
const masks = memory.data(128, 16);
const y = memory.data(16, 16);
const block = memory.data(16, 16);

// @ts-ignore: decorator
@inline function field(record: usize, index: usize): usize {
  return <usize>load<u32>(record + (index << 2));
}

/** The counter block nonce || [counter]_32 (SP 800-38D 7.1: J0 is counter 1, the text starts at 2). */
// @ts-ignore: decorator
@inline function storeCounter(at: usize, nonce: usize, counter: u32): void {
  store<u64>(at, load<u64>(nonce));
  store<u32>(at, load<u32>(nonce, 8), 8);
  store<u32>(at, bswap<u32>(counter), 12);
}

/** Encrypts the `n` gathered counter blocks and XORs each into the text block it belongs to. */
function flushCounters(slot: usize, n: usize): void {
  encrypt8(slot, lanes, lanes);
  for (let k: usize = 0; k < n; k++) {
    const at = <usize>load<u32>(laneAt + (k << 2)), length = <usize>load<u32>(laneLength + (k << 2));
    const stream = lanes + (k << 4);
    if (length == 16) {
      v128.store(at, v128.xor(v128.load(at), v128.load(stream)));
    } else {
      for (let i: usize = 0; i < length; i++) store<u8>(at + i, load<u8>(at + i) ^ load<u8>(stream + i));
    }
  }
}

/**
 * GCTR from inc_32(J0) (SP 800-38D 6.5, 7.1 step 3) over the texts of `count` messages, those
 * whose byte at `results` is 1 (every one if `results` is 0), the blocks of all eight per AES pass.
 */
function ctrMany(slot: usize, descriptors: usize, count: u32, results: usize): void {
  let n: usize = 0;
  for (let i: u32 = 0; i < count; i++) {
    if (results != 0 && load<u8>(results + i) == 0) continue;
    const record = descriptors + <usize>i * GCM_MANY_DESCRIPTOR_SIZE;
    const nonce = field(record, 0), text = field(record, 3), length = field(record, 4);
    let counter: u32 = 2;
    for (let at: usize = 0; at < length; at += 16, counter++) {
      storeCounter(lanes + (n << 4), nonce, counter);
      store<u32>(laneAt + (n << 2), <u32>(text + at));
      store<u32>(laneLength + (n << 2), <u32>min<usize>(16, length - at));
      if (++n == 8) {
        flushCounters(slot, 8);
        n = 0;
      }
    }
  }
  if (n != 0) flushCounters(slot, n);
}

/**
 * The tags of messages `from` .. `from + n - 1` (n <= 8) into `masks`: one AES pass for their
 * E(J0), then S = GHASH(A || 0^v || C || 0^u || [len(A)]_64 || [len(C)]_64) of each (SP 800-38D
 * 7.1 steps 5 and 6), T = E(J0) ^ S, in place of its E(J0).
 */
function tags(slot: usize, descriptors: usize, from: u32, n: u32): void {
  for (let k: u32 = 0; k < n; k++) {
    const record = descriptors + <usize>(from + k) * GCM_MANY_DESCRIPTOR_SIZE;
    storeCounter(masks + (<usize>k << 4), field(record, 0), 1);
  }
  encrypt8(slot, masks, masks);
  const table = slot + ROUND_KEYS_SIZE;
  for (let k: u32 = 0; k < n; k++) {
    const record = descriptors + <usize>(from + k) * GCM_MANY_DESCRIPTOR_SIZE;
    const aadLength = field(record, 2), length = field(record, 4);
    v128.store(y, i64x2.splat(0));
    ghashUpdate(table, y, field(record, 1), aadLength);
    ghashUpdate(table, y, field(record, 3), length);
    store<u64>(block, bswap<u64>(<u64>aadLength << 3));
    store<u64>(block, bswap<u64>(<u64>length << 3), 8);
    ghashUpdate(table, y, block, 16);
    const mask = masks + (<usize>k << 4);
    v128.store(mask, v128.xor(v128.load(mask), v128.load(y)));
  }
}

function wipe(): void {
  memory.fill(lanes, 0, 128);
  memory.fill(masks, 0, 128);
  v128.store(y, i64x2.splat(0));
  v128.store(block, i64x2.splat(0));
}

/**
 * GCM-AE (SP 800-38D 7.1) of `count` messages under the key slot `slot`, as the descriptor records
 * at `descriptors` say: each text encrypted in place, then the leading `tag length` bytes of its
 * tag written. Gives the same bytes as gcmSeal() on each message.
 */
export function gcmSealMany(slot: usize, descriptors: usize, count: u32): void {
  for (let from: u32 = 0; from < count; from += 8) {
    const n = min<u32>(8, count - from);
    ctrMany(slot, descriptors + <usize>from * GCM_MANY_DESCRIPTOR_SIZE, n, 0);
    tags(slot, descriptors, from, n);
    for (let k: u32 = 0; k < n; k++) {
      const record = descriptors + <usize>(from + k) * GCM_MANY_DESCRIPTOR_SIZE;
      const tagLength = field(record, 6);
      assert(tagLength >= 1 && tagLength <= 16, "GCM tag length out of range");
      memory.copy(field(record, 5), masks + (<usize>k << 4), tagLength);
    }
  }
  wipe();
}

/**
 * GCM-AD (SP 800-38D 7.2) of `count` messages under the key slot `slot`: each tag is computed and
 * compared with the message's (its leading `tag length` bytes, in time that does not depend on
 * where they differ) and the verdict written to `results`; only the messages whose tag is right
 * are then decrypted in place. Returns how many were.
 */
export function gcmOpenMany(slot: usize, descriptors: usize, count: u32, results: usize): u32 {
  let valid: u32 = 0;
  for (let from: u32 = 0; from < count; from += 8) {
    const n = min<u32>(8, count - from);
    tags(slot, descriptors, from, n);
    for (let k: u32 = 0; k < n; k++) {
      const record = descriptors + <usize>(from + k) * GCM_MANY_DESCRIPTOR_SIZE;
      const tag = field(record, 5), tagLength = field(record, 6), mask = masks + (<usize>k << 4);
      assert(tagLength >= 1 && tagLength <= 16, "GCM tag length out of range");
      let difference: u32 = 0;
      for (let i: usize = 0; i < tagLength; i++) difference |= load<u8>(mask + i) ^ load<u8>(tag + i);
      // 1 when difference is 0, without a branch on it.
      const ok = <u8>(((difference - 1) >> 31) & 1);
      store<u8>(results + from + k, ok);
      valid += ok;
    }
    ctrMany(slot, descriptors + <usize>from * GCM_MANY_DESCRIPTOR_SIZE, n, results + from);
  }
  wipe();
  return valid;
}
