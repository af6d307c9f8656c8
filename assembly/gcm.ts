// AES-128-GCM and GMAC (NIST SP 800-38D) over the bitsliced AES of aes.ts and the constant-time
// GHASH of ghash.ts; RFC 4106 (ESP) and RFC 4543 (GMAC in ESP) are GCM with particular inputs.
//
// CTR runs eight counter blocks per AES pass. The first pass of a message holds J0 and the seven
// counters after it, so E(J0), which masks the tag, costs no pass of its own, and a message of up
// to 112 bytes needs a single AES pass. Opening checks the tag (in constant time) before anything
// is decrypted: no plaintext is written unless the tag is right.
//
// Memory formats:
//   key slot:  GCM_SLOT_SIZE bytes from gcmInit(): the encryption schedule (ROUND_KEYS_SIZE bytes,
//              the key in all eight lanes), then the GHASH table of H = E(0^128) (H to H^4, as
//              ghash.ts lays them out).
//   nonce:     any length >= 1 byte; 12 bytes is the fast path (J0 = IV || 0^31 || 1).
//   tag:       16 bytes out of gcmSeal(); gcmOpen() compares the first `tagLength` bytes.

import { ROUND_KEYS_SIZE, encrypt8, expandKeys } from "./aes";
import { GHASH_TABLE_SIZE, ghashTable, ghashUpdate } from "./ghash";

/** Bytes of a GCM key slot. */
export const GCM_SLOT_SIZE: usize = ROUND_KEYS_SIZE + GHASH_TABLE_SIZE;

// Scratch, wiped at the end of every call: the first pass (E(J0) .. E(J0 + 7)), a later pass,
// J0, the GHASH state and one spare block.
const first = memory.data(128, 16);
const pass = memory.data(128, 16);
const j0 = memory.data(16, 16);
const y = memory.data(16, 16);
const block = memory.data(16, 16);

function wipe(): void {
  memory.fill(first, 0, 128);
  memory.fill(pass, 0, 128);
  v128.store(j0, i64x2.splat(0));
  v128.store(y, i64x2.splat(0));
  v128.store(block, i64x2.splat(0));
}

/**
 * Expands the key (16 bytes at `key`) into the GCM key slot at `slot`: the AES encryption schedule
 * and the GHASH table of the hash subkey H = CIPH_K(0^128) (SP 800-38D 7.1 step 1).
 */
export function gcmInit(key: usize, slot: usize): void {
  const k = v128.load(key);
  for (let lane: usize = 0; lane < 8; lane++) v128.store(pass + (lane << 4), k);
  expandKeys(pass, slot);
  memory.fill(pass, 0, 128);
  encrypt8(slot, pass, pass);
  ghashTable(pass, slot + ROUND_KEYS_SIZE);
  wipe();
}

/** Stores a 64-bit big-endian value at `at`. */
// @ts-ignore: decorator
@inline function storeBigEndian64(at: usize, value: u64, offset: usize): void {
  store<u64>(at + offset, bswap<u64>(value));
}

/**
 * J0 (SP 800-38D 7.1 step 2): IV || 0^31 || 1 for a 96-bit IV, otherwise
 * GHASH(IV || 0^(s + 64) || [len(IV)]_64).
 */
function counter0(table: usize, nonce: usize, nonceLength: usize): void {
  if (nonceLength == 12) {
    v128.store(j0, i64x2.splat(0));
    memory.copy(j0, nonce, 12);
    store<u8>(j0, 1, 15);
    return;
  }
  v128.store(j0, i64x2.splat(0));
  ghashUpdate(table, j0, nonce, nonceLength);
  store<u64>(block, 0);
  storeBigEndian64(block, <u64>nonceLength << 3, 8);
  ghashUpdate(table, j0, block, 16);
}

/** Fills the eight blocks at `at` with the counter blocks J0 + start .. J0 + start + 7 (inc_32). */
function counters(at: usize, start: u32): void {
  const base = v128.load(j0), low = bswap<u32>(load<u32>(j0, 12)) + start;
  for (let lane: u32 = 0; lane < 8; lane++) {
    const to = at + (<usize>lane << 4);
    v128.store(to, base);
    store<u32>(to, bswap<u32>(low + lane), 12);
  }
}

/** XORs `length` bytes (at most 128) at `src` with the keystream at `stream` into `dst`. */
function xorStream(stream: usize, src: usize, dst: usize, length: usize): void {
  const whole = length & ~15;
  for (let at: usize = 0; at < whole; at += 16) {
    v128.store(dst + at, v128.xor(v128.load(src + at), v128.load(stream + at)));
  }
  for (let at = whole; at < length; at++) store<u8>(dst + at, load<u8>(src + at) ^ load<u8>(stream + at));
}

/**
 * GCTR from inc_32(J0) (SP 800-38D 6.5, 7.1 step 3) over `length` bytes from `src` to `dst` (which
 * may be `src`). The first seven keystream blocks come from the first pass, already computed.
 */
function ctr(rk: usize, src: usize, dst: usize, length: usize): void {
  xorStream(first + 16, src, dst, min<usize>(length, 112));
  for (let at: usize = 112, counter: u32 = 8; at < length; at += 128, counter += 8) {
    counters(pass, counter);
    encrypt8(rk, pass, pass);
    xorStream(pass, src + at, dst + at, min<usize>(length - at, 128));
  }
}

/** S = GHASH(A || 0^v || C || 0^u || [len(A)]_64 || [len(C)]_64) (SP 800-38D 7.1 step 5), in `y`. */
function hash(table: usize, aad: usize, aadLength: usize, ciphertext: usize, length: usize): void {
  v128.store(y, i64x2.splat(0));
  ghashUpdate(table, y, aad, aadLength);
  ghashUpdate(table, y, ciphertext, length);
  storeBigEndian64(block, <u64>aadLength << 3, 0);
  storeBigEndian64(block, <u64>length << 3, 8);
  ghashUpdate(table, y, block, 16);
}

/** J0 and the first CTR pass: E(J0), E(J0 + 1) .. E(J0 + 7). */
function start(slot: usize, nonce: usize, nonceLength: usize): void {
  counter0(slot + ROUND_KEYS_SIZE, nonce, nonceLength);
  counters(first, 0);
  encrypt8(slot, first, first);
}

/**
 * GCM-AE (SP 800-38D 7.1): encrypts `length` bytes from `src` to `dst` (which may be `src`) and
 * writes the 16-byte tag T = E(J0) ^ S to `tag`. With length 0 this is GMAC over the AAD.
 */
export function gcmSeal(
  slot: usize, nonce: usize, nonceLength: usize, aad: usize, aadLength: usize,
  src: usize, dst: usize, length: usize, tag: usize,
): void {
  start(slot, nonce, nonceLength);
  ctr(slot, src, dst, length);
  hash(slot + ROUND_KEYS_SIZE, aad, aadLength, dst, length);
  v128.store(tag, v128.xor(v128.load(first), v128.load(y)));
  wipe();
}

/**
 * GCM-AD (SP 800-38D 7.2): checks the first `tagLength` bytes of the tag at `tag` against the tag
 * of the ciphertext at `src`, in time that does not depend on where they differ; only if they
 * match is the ciphertext decrypted to `dst` (which may be `src`). Returns 1 if so, 0 otherwise,
 * in which case nothing was written.
 */
export function gcmOpen(
  slot: usize, nonce: usize, nonceLength: usize, aad: usize, aadLength: usize,
  src: usize, dst: usize, length: usize, tag: usize, tagLength: usize,
): i32 {
  assert(tagLength >= 1 && tagLength <= 16, "GCM tag length out of range");
  start(slot, nonce, nonceLength);
  hash(slot + ROUND_KEYS_SIZE, aad, aadLength, src, length);
  v128.store(block, v128.xor(v128.load(first), v128.load(y)));
  let difference: u32 = 0;
  for (let i: usize = 0; i < tagLength; i++) difference |= load<u8>(block + i) ^ load<u8>(tag + i);
  const valid = difference == 0;
  if (valid) ctr(slot, src, dst, length);
  wipe();
  return valid ? 1 : 0;
}
