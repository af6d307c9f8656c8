// SHA-256 (FIPS 180-4 clause 6.2): the compression function over whole 64-byte blocks, for one
// message (scalar) or for eight messages at once in the 32-bit lanes of two v128 (multi-buffer),
// and the finish with padding (clause 5.1.1).
//
// Memory formats:
//   state   8 x u32, H0..H7 (native little-endian words).
//   state8  8 x 32 bytes: word j of lane k at 32 j + 4 k (see lanes.ts).

import { loadLanes, rotr4 } from "./lanes";
import { finalBlocks, padTail, writeDigest } from "./padding";
import { zero16 } from "./blocks";

export const SHA256_DIGEST_SIZE: usize = 32;

/** The constants K0..K63 (clause 4.2.2). */
const K = memory.data<u32>([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
], 16);

/** Sets `state` to the initial hash value H(0) (clause 5.3.3). */
export function sha256Init(state: usize): void {
  store<u32>(state, 0x6a09e667, 0);
  store<u32>(state, 0xbb67ae85, 4);
  store<u32>(state, 0x3c6ef372, 8);
  store<u32>(state, 0xa54ff53a, 12);
  store<u32>(state, 0x510e527f, 16);
  store<u32>(state, 0x9b05688c, 20);
  store<u32>(state, 0x1f83d9ab, 24);
  store<u32>(state, 0x5be0cd19, 28);
}

// The functions of clause 4.1.2; Ch and Maj in forms with fewer operations.
// @ts-ignore: decorator
@inline function ch(x: u32, y: u32, z: u32): u32 { return z ^ (x & (y ^ z)); }
// @ts-ignore: decorator
@inline function maj(x: u32, y: u32, z: u32): u32 { return (x & y) | (z & (x | y)); }
// @ts-ignore: decorator
@inline function bigSigma0(x: u32): u32 { return rotr<u32>(x, 2) ^ rotr<u32>(x, 13) ^ rotr<u32>(x, 22); }
// @ts-ignore: decorator
@inline function bigSigma1(x: u32): u32 { return rotr<u32>(x, 6) ^ rotr<u32>(x, 11) ^ rotr<u32>(x, 25); }

/** K_t + W_t for t = 0..63: the message schedule of one block (clause 6.2.2 step 1) plus the constants. */
const schedule = memory.data(64 * 4, 16);

// The schedule is computed four words at a time in v128 registers: group g holds W_4g..W_4g+3.
// @ts-ignore: decorator
@inline function swap(x: v128): v128 {
  return i8x16.shuffle(x, x, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
}
/** The four words starting one word into `low`: low[1..3], high[0]. */
// @ts-ignore: decorator
@inline function fromSecond(low: v128, high: v128): v128 {
  return i8x16.shuffle(low, high, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
}
/**
 * W_t..W_t+3 with W_t = sigma1(W_t-2) + W_t-7 + sigma0(W_t-15) + W_t-16, from the four groups
 * before. W_t+2 and W_t+3 need sigma1 of W_t and W_t+1, in the same vector: the first two lanes
 * are finished first, then their sigma1 is added to the last two.
 */
// @ts-ignore: decorator
@inline function next4(g4: v128, g3: v128, g2: v128, g1: v128): v128 {
  const zero = v128.splat<i32>(0);
  let w = add(add(g4, sigma0x4(fromSecond(g4, g3))), fromSecond(g2, g1));
  w = add(w, sigma1x4(i8x16.shuffle(g1, zero, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23)));
  return add(w, sigma1x4(i8x16.shuffle(zero, w, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23)));
}
// @ts-ignore: decorator
@inline function keep(g: usize, w: v128): void {
  v128.store(schedule + (g << 4), add(w, v128.load(K + (g << 4))));
}

function expand(block: usize): void {
  const w0 = swap(v128.load(block, 0)); keep(0, w0);
  const w1 = swap(v128.load(block, 16)); keep(1, w1);
  const w2 = swap(v128.load(block, 32)); keep(2, w2);
  const w3 = swap(v128.load(block, 48)); keep(3, w3);
  const w4 = next4(w0, w1, w2, w3); keep(4, w4);
  const w5 = next4(w1, w2, w3, w4); keep(5, w5);
  const w6 = next4(w2, w3, w4, w5); keep(6, w6);
  const w7 = next4(w3, w4, w5, w6); keep(7, w7);
  const w8 = next4(w4, w5, w6, w7); keep(8, w8);
  const w9 = next4(w5, w6, w7, w8); keep(9, w9);
  const w10 = next4(w6, w7, w8, w9); keep(10, w10);
  const w11 = next4(w7, w8, w9, w10); keep(11, w11);
  const w12 = next4(w8, w9, w10, w11); keep(12, w12);
  const w13 = next4(w9, w10, w11, w12); keep(13, w13);
  const w14 = next4(w10, w11, w12, w13); keep(14, w14);
  const w15 = next4(w11, w12, w13, w14); keep(15, w15);
}

/**
 * Compresses `count` whole blocks at `data` into `state` (clause 6.2.2). Each round writes only
 * d and h (d + T1 and T1 + T2); the variables then take turns, eight rounds bringing them back.
 */
export function sha256Blocks(state: usize, data: usize, count: usize): void {
  let h0 = load<u32>(state, 0), h1 = load<u32>(state, 4), h2 = load<u32>(state, 8), h3 = load<u32>(state, 12);
  let h4 = load<u32>(state, 16), h5 = load<u32>(state, 20), h6 = load<u32>(state, 24), h7 = load<u32>(state, 28);
  for (let i: usize = 0; i < count; i++) {
    expand(data + (i << 6));
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let kw = schedule, end = schedule + 64 * 4; kw < end; kw += 32) {
      h = h + load<u32>(kw, 0) + ch(e, f, g) + bigSigma1(e); d += h; h += bigSigma0(a) + maj(a, b, c);
      g = g + load<u32>(kw, 4) + ch(d, e, f) + bigSigma1(d); c += g; g += bigSigma0(h) + maj(h, a, b);
      f = f + load<u32>(kw, 8) + ch(c, d, e) + bigSigma1(c); b += f; f += bigSigma0(g) + maj(g, h, a);
      e = e + load<u32>(kw, 12) + ch(b, c, d) + bigSigma1(b); a += e; e += bigSigma0(f) + maj(f, g, h);
      d = d + load<u32>(kw, 16) + ch(a, b, c) + bigSigma1(a); h += d; d += bigSigma0(e) + maj(e, f, g);
      c = c + load<u32>(kw, 20) + ch(h, a, b) + bigSigma1(h); g += c; c += bigSigma0(d) + maj(d, e, f);
      b = b + load<u32>(kw, 24) + ch(g, h, a) + bigSigma1(g); f += b; b += bigSigma0(c) + maj(c, d, e);
      a = a + load<u32>(kw, 28) + ch(f, g, h) + bigSigma1(f); e += a; a += bigSigma0(b) + maj(b, c, d);
    }
    h0 += a; h1 += b; h2 += c; h3 += d; h4 += e; h5 += f; h6 += g; h7 += h;
  }
  store<u32>(state, h0, 0); store<u32>(state, h1, 4); store<u32>(state, h2, 8); store<u32>(state, h3, 12);
  store<u32>(state, h4, 16); store<u32>(state, h5, 20); store<u32>(state, h6, 24); store<u32>(state, h7, 28);
}

/**
 * Finishes a message whose whole blocks are already in `state`: its last `tailLength` (< 64)
 * bytes at `tail`, `totalBytes` long in all. Writes the first `outLength` bytes of the digest.
 */
export function sha256Finish(state: usize, tail: usize, tailLength: usize, totalBytes: u64, out: usize, outLength: usize): void {
  sha256Blocks(state, finalBlocks, padTail(tail, tailLength, totalBytes, true));
  writeDigest(state, true, out, outLength);
}

// The same on eight lanes (lanes.ts). Ch picks y where x is set, else z; Maj picks y where x and z differ.
// @ts-ignore: decorator
@inline function add(x: v128, y: v128): v128 { return i32x4.add(x, y); }
// @ts-ignore: decorator
@inline function xor3(x: v128, y: v128, z: v128): v128 { return v128.xor(v128.xor(x, y), z); }
// @ts-ignore: decorator
@inline function bigSigma0x4(x: v128): v128 { return xor3(rotr4(x, 2), rotr4(x, 13), rotr4(x, 22)); }
// @ts-ignore: decorator
@inline function bigSigma1x4(x: v128): v128 { return xor3(rotr4(x, 6), rotr4(x, 11), rotr4(x, 25)); }
// @ts-ignore: decorator
@inline function sigma0x4(x: v128): v128 { return xor3(rotr4(x, 7), rotr4(x, 18), i32x4.shr_u(x, 3)); }
// @ts-ignore: decorator
@inline function sigma1x4(x: v128): v128 { return xor3(rotr4(x, 17), rotr4(x, 19), i32x4.shr_u(x, 10)); }
// @ts-ignore: decorator
@inline function ch4(x: v128, y: v128, z: v128): v128 { return v128.bitselect(y, z, x); }
// @ts-ignore: decorator
@inline function maj4(x: v128, y: v128, z: v128): v128 { return v128.bitselect(y, x, v128.xor(x, z)); }

/** Eight message schedules plus the constants, word-major: K_t + W_t of lane k at 32 t + 4 k. */
const schedule8 = memory.data(64 * 32, 16);

function expand8(blocks: usize): void {
  loadLanes(blocks, schedule8, true);
  for (let at = schedule8 + 16 * 32, end = schedule8 + 64 * 32; at < end; at += 16) {
    const w = add(add(sigma1x4(v128.load(at - 2 * 32)), v128.load(at - 7 * 32)), add(sigma0x4(v128.load(at - 15 * 32)), v128.load(at - 16 * 32)));
    v128.store(at, w);
  }
  for (let t: usize = 0; t < 64; t++) {
    const at = schedule8 + (t << 5), k = v128.load32_splat(K + (t << 2));
    v128.store(at, add(v128.load(at), k), 0);
    v128.store(at, add(v128.load(at, 16), k), 16);
  }
}

/**
 * Compresses one block per lane into the eight states at `state8` (word-major, see lanes.ts):
 * lane k's block is at the address `blocks[k]` (8 x u32). A lane with nothing to do may point at
 * any readable 64 bytes; its state is then garbage. Lowercase variables are group 0's (lanes
 * 0-3), uppercase ones group 1's (lanes 4-7).
 */
export function sha256Compress8(state8: usize, blocks: usize): void {
  expand8(blocks);
  let a = v128.load(state8, 0), b = v128.load(state8, 32), c = v128.load(state8, 64), d = v128.load(state8, 96);
  let e = v128.load(state8, 128), f = v128.load(state8, 160), g = v128.load(state8, 192), h = v128.load(state8, 224);
  let A = v128.load(state8, 16), B = v128.load(state8, 48), C = v128.load(state8, 80), D = v128.load(state8, 112);
  let E = v128.load(state8, 144), F = v128.load(state8, 176), G = v128.load(state8, 208), H = v128.load(state8, 240);
  for (let kw = schedule8, end = schedule8 + 64 * 32; kw < end; kw += 256) {
    h = add(add(add(h, v128.load(kw, 0)), ch4(e, f, g)), bigSigma1x4(e)); d = add(d, h); h = add(h, add(bigSigma0x4(a), maj4(a, b, c)));
    H = add(add(add(H, v128.load(kw, 16)), ch4(E, F, G)), bigSigma1x4(E)); D = add(D, H); H = add(H, add(bigSigma0x4(A), maj4(A, B, C)));
    g = add(add(add(g, v128.load(kw, 32)), ch4(d, e, f)), bigSigma1x4(d)); c = add(c, g); g = add(g, add(bigSigma0x4(h), maj4(h, a, b)));
    G = add(add(add(G, v128.load(kw, 48)), ch4(D, E, F)), bigSigma1x4(D)); C = add(C, G); G = add(G, add(bigSigma0x4(H), maj4(H, A, B)));
    f = add(add(add(f, v128.load(kw, 64)), ch4(c, d, e)), bigSigma1x4(c)); b = add(b, f); f = add(f, add(bigSigma0x4(g), maj4(g, h, a)));
    F = add(add(add(F, v128.load(kw, 80)), ch4(C, D, E)), bigSigma1x4(C)); B = add(B, F); F = add(F, add(bigSigma0x4(G), maj4(G, H, A)));
    e = add(add(add(e, v128.load(kw, 96)), ch4(b, c, d)), bigSigma1x4(b)); a = add(a, e); e = add(e, add(bigSigma0x4(f), maj4(f, g, h)));
    E = add(add(add(E, v128.load(kw, 112)), ch4(B, C, D)), bigSigma1x4(B)); A = add(A, E); E = add(E, add(bigSigma0x4(F), maj4(F, G, H)));
    d = add(add(add(d, v128.load(kw, 128)), ch4(a, b, c)), bigSigma1x4(a)); h = add(h, d); d = add(d, add(bigSigma0x4(e), maj4(e, f, g)));
    D = add(add(add(D, v128.load(kw, 144)), ch4(A, B, C)), bigSigma1x4(A)); H = add(H, D); D = add(D, add(bigSigma0x4(E), maj4(E, F, G)));
    c = add(add(add(c, v128.load(kw, 160)), ch4(h, a, b)), bigSigma1x4(h)); g = add(g, c); c = add(c, add(bigSigma0x4(d), maj4(d, e, f)));
    C = add(add(add(C, v128.load(kw, 176)), ch4(H, A, B)), bigSigma1x4(H)); G = add(G, C); C = add(C, add(bigSigma0x4(D), maj4(D, E, F)));
    b = add(add(add(b, v128.load(kw, 192)), ch4(g, h, a)), bigSigma1x4(g)); f = add(f, b); b = add(b, add(bigSigma0x4(c), maj4(c, d, e)));
    B = add(add(add(B, v128.load(kw, 208)), ch4(G, H, A)), bigSigma1x4(G)); F = add(F, B); B = add(B, add(bigSigma0x4(C), maj4(C, D, E)));
    a = add(add(add(a, v128.load(kw, 224)), ch4(f, g, h)), bigSigma1x4(f)); e = add(e, a); a = add(a, add(bigSigma0x4(b), maj4(b, c, d)));
    A = add(add(add(A, v128.load(kw, 240)), ch4(F, G, H)), bigSigma1x4(F)); E = add(E, A); A = add(A, add(bigSigma0x4(B), maj4(B, C, D)));
  }
  v128.store(state8, add(v128.load(state8, 0), a), 0);
  v128.store(state8, add(v128.load(state8, 16), A), 16);
  v128.store(state8, add(v128.load(state8, 32), b), 32);
  v128.store(state8, add(v128.load(state8, 48), B), 48);
  v128.store(state8, add(v128.load(state8, 64), c), 64);
  v128.store(state8, add(v128.load(state8, 80), C), 80);
  v128.store(state8, add(v128.load(state8, 96), d), 96);
  v128.store(state8, add(v128.load(state8, 112), D), 112);
  v128.store(state8, add(v128.load(state8, 128), e), 128);
  v128.store(state8, add(v128.load(state8, 144), E), 144);
  v128.store(state8, add(v128.load(state8, 160), f), 160);
  v128.store(state8, add(v128.load(state8, 176), F), 176);
  v128.store(state8, add(v128.load(state8, 192), g), 192);
  v128.store(state8, add(v128.load(state8, 208), G), 208);
  v128.store(state8, add(v128.load(state8, 224), h), 224);
  v128.store(state8, add(v128.load(state8, 240), H), 240);
}

/** Zeroes the message schedule of sha256Blocks. */
export function sha256Wipe(): void {
  zero16(schedule, 64 * 4);
}

/** Zeroes the message schedules of sha256Compress8. */
export function sha256Wipe8(): void {
  zero16(schedule8, 64 * 32);
}
