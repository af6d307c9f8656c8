// EPS keys of TS 33.401 Annex A, each one call of the KDF of TS 33.220 Annex B.2 (generic.ts):
// KASME from CK, IK (A.2), KeNB from KASME (A.3) and the algorithm keys KNASenc, KNASint,
// KRRCenc, KRRCint, KUPenc, KUPint (A.7).

import { checkBytes } from '../bytes.js';
import { kdfNamed } from './generic.js';

/** FC values of TS 33.401 Annex A. */
export const EPS_FC = Object.freeze({ kasme: 0x10, kenb: 0x11, algorithmKey: 0x15 });

/** The algorithm type distinguishers of TS 33.401 Annex A.7, table A.7-1. */
export const ALGORITHM_TYPES = Object.freeze({
  'nas-enc': 0x01, 'nas-int': 0x02, 'rrc-enc': 0x03, 'rrc-int': 0x04, 'up-enc': 0x05, 'up-int': 0x06,
});
/** An algorithm type of TS 33.401 table A.7-1: NAS, RRC or user plane, encryption or integrity. */
export type AlgorithmType = keyof typeof ALGORITHM_TYPES;

/** CK || IK, the 256-bit key of the derivations from CK and IK. @internal */
export function ckIk(ck: Uint8Array, ik: Uint8Array): Uint8Array {
  const key = new Uint8Array(32);
  key.set(checkBytes('ck', ck, 16), 0);
  key.set(checkBytes('ik', ik, 16), 16);
  return key;
}

/** Runs `derive` on CK || IK and wipes that concatenation after. @internal */
export function withCkIk<T>(ck: Uint8Array, ik: Uint8Array, derive: (key: Uint8Array) => T): T {
  const key = ckIk(ck, ik);
  try {
    return derive(key);
  } finally {
    key.fill(0);
  }
}

/**
 * KASME, 32 bytes (TS 33.401 Annex A.2): KDF(CK || IK, FC = 0x10, P0 = serving network identity
 * (the 3-octet PLMN identity, see encodePlmn), P1 = SQN xor AK (6 bytes)).
 */
export function kasme(ck: Uint8Array, ik: Uint8Array, servingNetworkId: Uint8Array, sqnXorAk: Uint8Array): Uint8Array {
  checkBytes('servingNetworkId', servingNetworkId, 3);
  checkBytes('sqnXorAk', sqnXorAk, 6);
  return withCkIk(ck, ik, (key) => kdfNamed(key, EPS_FC.kasme, [servingNetworkId, sqnXorAk], ['servingNetworkId', 'sqnXorAk']));
}

/** Throws unless `value` is a whole number from 0 to 2^32 - 1. */
function checkCount(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`uplinkNasCount must be a whole number from 0 to 4294967295 (32 bits), got ${String(value)}`);
  }
  return value;
}

/**
 * KeNB, 32 bytes (TS 33.401 Annex A.3): KDF(KASME, FC = 0x11, P0 = the uplink NAS COUNT, 4 bytes
 * big-endian).
 */
export function kenb(kasmeKey: Uint8Array, uplinkNasCount: number): Uint8Array {
  checkBytes('kasme', kasmeKey, 32);
  const count = new Uint8Array(4);
  new DataView(count.buffer).setUint32(0, checkCount(uplinkNasCount));
  return kdfNamed(kasmeKey, EPS_FC.kenb, [count], ['uplinkNasCount']);
}

/**
 * An algorithm key (TS 33.401 Annex A.7): KDF(key, FC = 0x15, P0 = the algorithm type
 * distinguisher, P1 = the algorithm identity), where key is KASME for the NAS keys and KeNB for
 * the RRC and UP keys. For 128-bit algorithms (the default) the key is the 128 least significant
 * bits of the 256-bit output, i.e. its last 16 bytes; `bits` = 256 returns all of it.
 */
export function algorithmKey(key: Uint8Array, type: AlgorithmType, algorithmId: number, bits: 128 | 256 = 128): Uint8Array {
  checkBytes('key', key, 32);
  if (!Object.hasOwn(ALGORITHM_TYPES, type)) {
    throw new TypeError(`type must be one of ${Object.keys(ALGORITHM_TYPES).join(', ')} (TS 33.401 table A.7-1), got ${JSON.stringify(type)}`);
  }
  // The algorithm identity is 4 bits in the 4 least significant bits of the octet (A.7).
  if (!Number.isInteger(algorithmId) || algorithmId < 0 || algorithmId > 15) {
    throw new RangeError(`algorithmId must be a whole number from 0 to 15 (4 bits, TS 33.401 A.7), got ${String(algorithmId)}`);
  }
  if (bits !== 128 && bits !== 256) throw new RangeError(`bits must be 128 or 256, got ${String(bits)}`);
  const full = kdfNamed(key, EPS_FC.algorithmKey, [Uint8Array.of(ALGORITHM_TYPES[type]), Uint8Array.of(algorithmId)], ['type', 'algorithmId']);
  if (bits === 256) return full;
  const low = full.slice(16);
  full.fill(0);
  return low;
}

/** KNASenc for NAS encryption algorithm `algorithmId` (TS 33.401 Annex A.7, 128 bits): from KASME. */
export function knasEnc(kasmeKey: Uint8Array, algorithmId: number): Uint8Array {
  return algorithmKey(checkBytes('kasme', kasmeKey, 32), 'nas-enc', algorithmId);
}

/** KNASint for NAS integrity algorithm `algorithmId` (TS 33.401 Annex A.7, 128 bits): from KASME. */
export function knasInt(kasmeKey: Uint8Array, algorithmId: number): Uint8Array {
  return algorithmKey(checkBytes('kasme', kasmeKey, 32), 'nas-int', algorithmId);
}
