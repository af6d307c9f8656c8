// Independent key derivations for differential tests, written from the standards on node:crypto
// (createHmac, createHash) and sharing no code with the library: the TS 33.220 KDF, the TS 33.401 /
// 33.501 keys, EAP-AKA (RFC 4187) with the FIPS 186-2 PRF, EAP-AKA' (RFC 9048) and the TS 33.102
// conversions. Written plainly, one step of the text at a time.

import { createHash, createHmac } from 'node:crypto';

const bytes = (b: Buffer | Uint8Array) => new Uint8Array(b);
const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const be16 = (n: number) => Uint8Array.of(n >> 8, n & 0xff);

/** TS 33.220 B.2: HMAC-SHA-256(key, FC || P0 || L0 || ...). Strings are UTF-8. */
export function refKdf(key: Uint8Array, fc: number, ...params: (Uint8Array | string)[]): Uint8Array {
  const hmac = createHmac('sha256', key).update(Uint8Array.of(fc));
  for (const p of params) {
    const b = typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
    hmac.update(b).update(be16(b.length));
  }
  return bytes(hmac.digest());
}

/** TS 24.008 10.5.1.13 PLMN identity from MCC / MNC digit strings. */
export function refPlmn(mcc: string, mnc: string): Uint8Array {
  const d = [...mcc + mnc].map(Number);
  const mnc3 = mnc.length === 3 ? d[5]! : 15;
  return Uint8Array.of(d[1]! * 16 + d[0]!, mnc3 * 16 + d[2]!, d[4]! * 16 + d[3]!);
}

export const refKasme = (ck: Uint8Array, ik: Uint8Array, snId: Uint8Array, sqnXorAk: Uint8Array) =>
  refKdf(cat(ck, ik), 0x10, snId, sqnXorAk);
export const refKenb = (kasme: Uint8Array, count: number) => {
  const c = Buffer.alloc(4);
  c.writeUInt32BE(count);
  return refKdf(kasme, 0x11, c);
};
export const refAlgorithmKey = (key: Uint8Array, distinguisher: number, id: number) =>
  refKdf(key, 0x15, Uint8Array.of(distinguisher), Uint8Array.of(id)).slice(16);

export const refSnn = (mcc: string, mnc: string) => `5G:mnc${mnc.length === 2 ? '0' + mnc : mnc}.mcc${mcc}.3gppnetwork.org`;
export const refKausf = (ck: Uint8Array, ik: Uint8Array, snn: string, sqnXorAk: Uint8Array) =>
  refKdf(cat(ck, ik), 0x6a, snn, sqnXorAk);
export const refResStar = (ck: Uint8Array, ik: Uint8Array, snn: string, rand: Uint8Array, res: Uint8Array) =>
  refKdf(cat(ck, ik), 0x6b, snn, rand, res).slice(16);
export const refHresStar = (rand: Uint8Array, resStar: Uint8Array) =>
  bytes(createHash('sha256').update(rand).update(resStar).digest()).slice(0, 16);
export const refKseaf = (kausf: Uint8Array, snn: string) => refKdf(kausf, 0x6c, snn);
export const refKamf = (kseaf: Uint8Array, supi: string, abba: Uint8Array) => refKdf(kseaf, 0x6d, supi, abba);

// ---- FIPS 186-2 change notice 1 PRF (RFC 4187 Appendix A) ----

const rotl = (x: number, n: number) => ((x << n) | (x >>> (32 - n))) >>> 0;

/**
 * The SHA-1 compression function (FIPS 180-4 6.1.2, steps 1-4) of one 64-byte block into the
 * state h (five words); node:crypto exposes only whole SHA-1, with its padding.
 */
export function refSha1Compress(h: number[], block: Uint8Array): number[] {
  const view = new DataView(block.buffer, block.byteOffset, 64);
  const w: number[] = [];
  for (let t = 0; t < 80; t++) w[t] = t < 16 ? view.getUint32(4 * t) : rotl(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 1);
  let [a, b, c, d, e] = h as [number, number, number, number, number];
  for (let t = 0; t < 80; t++) {
    const f = t < 20 ? (b & c) | (~b & d) : t < 40 ? b ^ c ^ d : t < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
    const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
    const temp = (rotl(a, 5) + f + e + k + w[t]!) >>> 0;
    e = d; d = c; c = rotl(b, 30); b = a; a = temp;
  }
  return [a, b, c, d, e].map((x, i) => (x + h[i]!) >>> 0);
}

const H0 = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];

/** RFC 4187 Appendix A: w_i = G(t, XKEY), XKEY = (1 + XKEY + w_i) mod 2^160, with BigInt arithmetic. */
export function refFips186Prf(xkey: Uint8Array, length: number): Uint8Array {
  let x = BigInt('0x' + Buffer.from(xkey).toString('hex'));
  const mod = 1n << 160n;
  const out: Uint8Array[] = [];
  for (let n = 0; n < length; n += 20) {
    const block = new Uint8Array(64);
    block.set(Buffer.from(x.toString(16).padStart(40, '0'), 'hex'));
    const w = Buffer.alloc(20);
    refSha1Compress(H0, block).forEach((word, i) => w.writeUInt32BE(word, 4 * i));
    out.push(bytes(w));
    x = (1n + x + BigInt('0x' + w.toString('hex'))) % mod;
  }
  return cat(...out).slice(0, length);
}

/** RFC 4187 section 7: MK = SHA1(Identity|IK|CK), then the PRF's 160 bytes split. */
export function refEapAkaKeys(identity: string, ik: Uint8Array, ck: Uint8Array) {
  const mk = bytes(createHash('sha1').update(identity, 'utf8').update(ik).update(ck).digest());
  const x = refFips186Prf(mk, 160);
  return { mk, kEncr: x.slice(0, 16), kAut: x.slice(16, 32), msk: x.slice(32, 96), emsk: x.slice(96, 160) };
}

/** RFC 9048 3.4: PRF'(K, S) = T1 | T2 | ..., Tn = HMAC-SHA-256(K, Tn-1 | S | n). */
export function refPrfPrime(key: Uint8Array, s: Uint8Array, length: number): Uint8Array {
  const out: Uint8Array[] = [];
  let t = new Uint8Array(0);
  for (let n = 1; 32 * (n - 1) < length; n++) {
    t = bytes(createHmac('sha256', key).update(t).update(s).update(Uint8Array.of(n)).digest());
    out.push(t);
  }
  return cat(...out).slice(0, length);
}

/** RFC 9048 3.3: CK' || IK' = KDF(CK || IK, 0x20, network name, SQN ^ AK), then MK = PRF'(IK'|CK', "EAP-AKA'"|Identity). */
export function refEapAkaPrime(identity: string, networkName: string, ck: Uint8Array, ik: Uint8Array, sqnXorAk: Uint8Array) {
  const k = refKdf(cat(ck, ik), 0x20, networkName, sqnXorAk);
  const ckPrime = k.slice(0, 16), ikPrime = k.slice(16);
  const mk = refPrfPrime(cat(ikPrime, ckPrime), cat(Buffer.from("EAP-AKA'" + identity, 'utf8')), 208);
  return {
    ckPrime, ikPrime, kEncr: mk.slice(0, 16), kAut: mk.slice(16, 48), kRe: mk.slice(48, 80), msk: mk.slice(80, 144), emsk: mk.slice(144),
  };
}

/** RFC 4187 10.15 / RFC 9048 3.6: HMAC over the packet with the 16 MAC bytes at `offset` zeroed, then `extra`; 16 bytes. */
export function refAtMac(hash: 'sha1' | 'sha256', key: Uint8Array, packet: Uint8Array, offset: number, extra: Uint8Array): Uint8Array {
  const copy = Buffer.from(packet);
  copy.fill(0, offset, offset + 16);
  return bytes(createHmac(hash, key).update(copy).update(extra).digest()).slice(0, 16);
}

// ---- TS 33.102 6.8.1.2 ----

export function refC2(xres: Uint8Array): Uint8Array {
  const x = Buffer.alloc(16);
  x.set(xres);
  const word = (i: number) => x.readUInt32BE(4 * i);
  const s = Buffer.alloc(4);
  s.writeUInt32BE((word(0) ^ word(1) ^ word(2) ^ word(3)) >>> 0);
  return bytes(s);
}
export function refC3(ck: Uint8Array, ik: Uint8Array): Uint8Array {
  const half = (b: Uint8Array, i: number) => Buffer.from(b).readBigUInt64BE(8 * i);
  const kc = Buffer.alloc(8);
  kc.writeBigUInt64BE(half(ck, 0) ^ half(ck, 1) ^ half(ik, 0) ^ half(ik, 1));
  return bytes(kc);
}
export const refC4 = (kc: Uint8Array) => cat(kc, kc);
export function refC5(kc: Uint8Array): Uint8Array {
  const b = Buffer.from(kc);
  const x = Buffer.alloc(4);
  x.writeUInt32BE((b.readUInt32BE(0) ^ b.readUInt32BE(4)) >>> 0);
  return cat(x, kc, x);
}
