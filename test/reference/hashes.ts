// Independent SHA-1, SHA-256 (FIPS 180-4) and MD5 (RFC 1321), and HMAC (RFC 2104), for
// differential tests: written straight from the standards' pseudo-code, one word and one round at a
// time, sharing no code with the library (no SIMD, no unrolling, no key slots).

type Hash = (message: Uint8Array) => Uint8Array;

/** The padded message: message || 0x80 || zeros || 64-bit bit length (big- or little-endian). */
function pad(message: Uint8Array, bigEndian: boolean): DataView {
  const blocks = Math.floor((message.length + 8) / 64) + 1;
  const padded = new Uint8Array(blocks * 64);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = BigInt(message.length) * 8n;
  view.setBigUint64(padded.length - 8, bits, !bigEndian);
  return view;
}

function rotl(x: number, n: number): number {
  return ((x << n) | (x >>> (32 - n))) >>> 0;
}

function rotr(x: number, n: number): number {
  return ((x >>> n) | (x << (32 - n))) >>> 0;
}

function output(words: number[], bigEndian: boolean): Uint8Array {
  const out = new DataView(new ArrayBuffer(4 * words.length));
  words.forEach((w, i) => out.setUint32(4 * i, w, !bigEndian));
  return new Uint8Array(out.buffer);
}

/** FIPS 180-4 clause 6.1. */
export const referenceSha1: Hash = (message) => {
  const view = pad(message, true);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  for (let block = 0; block < view.byteLength; block += 64) {
    const w: number[] = [];
    for (let t = 0; t < 80; t++) {
      w[t] = t < 16 ? view.getUint32(block + 4 * t) : rotl(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 1);
    }
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let t = 0; t < 80; t++) {
      const [f, k] = t < 20 ? [(b & c) ^ (~b & d), 0x5a827999]
        : t < 40 ? [b ^ c ^ d, 0x6ed9eba1]
          : t < 60 ? [(b & c) ^ (b & d) ^ (c & d), 0x8f1bbcdc]
            : [b ^ c ^ d, 0xca62c1d6];
      const temp = (rotl(a, 5) + f + e + k + w[t]!) >>> 0;
      [e, d, c, b, a] = [d, c, rotl(b, 30), a, temp];
    }
    [a, b, c, d, e].forEach((v, i) => (h[i] = (h[i]! + v) >>> 0));
  }
  return output(h, true);
};

const K256 = Array.from({ length: 64 }, (_, i) => {
  // The first 32 bits of the fractional parts of the cube roots of the first 64 primes (clause 4.2.2).
  const primes: number[] = [];
  for (let n = 2; primes.length < 64; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);
  return Math.floor((Math.cbrt(primes[i]!) % 1) * 2 ** 32) >>> 0;
});

/** FIPS 180-4 clause 6.2. */
export const referenceSha256: Hash = (message) => {
  const view = pad(message, true);
  const h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  for (let block = 0; block < view.byteLength; block += 64) {
    const w: number[] = [];
    for (let t = 0; t < 64; t++) {
      if (t < 16) {
        w[t] = view.getUint32(block + 4 * t);
      } else {
        const s0 = rotr(w[t - 15]!, 7) ^ rotr(w[t - 15]!, 18) ^ (w[t - 15]! >>> 3);
        const s1 = rotr(w[t - 2]!, 17) ^ rotr(w[t - 2]!, 19) ^ (w[t - 2]! >>> 10);
        w[t] = (s1 + w[t - 7]! + s0 + w[t - 16]!) >>> 0;
      }
    }
    let [a, b, c, d, e, f, g, hh] = h as [number, number, number, number, number, number, number, number];
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[t]! + w[t]!) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i]! + v) >>> 0));
  }
  return output(h, true);
};

// RFC 1321 clause 3.4: per step, the message word index, the shift, and T[i] = floor(2^32 |sin(i)|).
const MD5_SHIFTS = [[7, 12, 17, 22], [5, 9, 14, 20], [4, 11, 16, 23], [6, 10, 15, 21]];
const MD5_T = Array.from({ length: 64 }, (_, i) => Math.floor(2 ** 32 * Math.abs(Math.sin(i + 1))) >>> 0);

/** RFC 1321 clause 3. */
export const referenceMd5: Hash = (message) => {
  const view = pad(message, false);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let block = 0; block < view.byteLength; block += 64) {
    const x = Array.from({ length: 16 }, (_, k) => view.getUint32(block + 4 * k, true));
    let [a, b, c, d] = h as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      const [f, k] = round === 0 ? [(b & c) | (~b & d), i]
        : round === 1 ? [(b & d) | (c & ~d), (5 * i + 1) % 16]
          : round === 2 ? [b ^ c ^ d, (3 * i + 5) % 16]
            : [c ^ (b | ~d), (7 * i) % 16];
      const sum = (a + f + x[k]! + MD5_T[i]!) >>> 0;
      [a, b, c, d] = [d, (b + rotl(sum, MD5_SHIFTS[round]![i % 4]!)) >>> 0, b, c];
    }
    [a, b, c, d].forEach((v, i) => (h[i] = (h[i]! + v) >>> 0));
  }
  return output(h, false);
};

export const REFERENCE_HASHES = { sha1: referenceSha1, md5: referenceMd5, sha256: referenceSha256 };

/** RFC 2104 clause 2: H(K ^ opad || H(K ^ ipad || text)), the key hashed first if longer than 64 bytes. */
export function referenceHmac(hash: Hash, key: Uint8Array, text: Uint8Array): Uint8Array {
  const k = new Uint8Array(64);
  k.set(key.length > 64 ? hash(key) : key);
  const inner = new Uint8Array(64 + text.length);
  inner.set(k.map((b) => b ^ 0x36));
  inner.set(text, 64);
  const innerDigest = hash(inner);
  const outer = new Uint8Array(64 + innerDigest.length);
  outer.set(k.map((b) => b ^ 0x5c));
  outer.set(innerDigest, 64);
  return hash(outer);
}
