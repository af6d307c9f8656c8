// 5G keys and responses of TS 33.501 Annex A, on the KDF of TS 33.220 Annex B.2 (generic.ts):
// the serving network name (clause 6.1.1.4), KAUSF (A.2), RES* / XRES* (A.4), HRES* / HXRES*
// (A.5), KSEAF (A.6) and KAMF (A.7), and the checks of RES* (by the AUSF) and HRES* (by the SEAF).

import { checkBytes, constantTimeEqual, describe } from '../bytes.js';
import { sha256 } from '../hash.js';
import { checkUint8Array } from '../io.js';
import { withCkIk } from './eps.js';
import { kdfNamed } from './generic.js';
import { checkPlmn } from './plmn.js';

/** FC values of TS 33.501 Annex A. */
export const FIVEG_FC = Object.freeze({ kausf: 0x6a, resStar: 0x6b, kseaf: 0x6c, kamf: 0x6d });

/** RES is 32 to 128 bits from Milenage (TS 33.102 clause 6.3.2) and up to 256 bits from TUAK (TS 35.231). */
const RES_BYTES = { min: 4, max: 32 };

/**
 * The serving network name "5G:mnc<MNC>.mcc<MCC>.3gppnetwork.org" (TS 33.501 clause 6.1.1.4,
 * TS 24.501 clause 9.12.1): a two-digit MNC is zero-padded to three digits on the left.
 */
export function servingNetworkName(mcc: string, mnc: string): string {
  checkPlmn(mcc, mnc);
  return `5G:mnc${mnc.padStart(3, '0')}.mcc${mcc}.3gppnetwork.org`;
}

function checkName(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`${field} must be a non-empty string, got ${typeof value === 'string' ? 'an empty string' : describe(value)}`);
  }
  return value;
}

function checkRes(field: string, value: unknown): Uint8Array {
  checkUint8Array(field, value);
  const n = (value as Uint8Array).length;
  if (n < RES_BYTES.min || n > RES_BYTES.max) {
    throw new RangeError(`${field} must be ${RES_BYTES.min} to ${RES_BYTES.max} bytes (32 to 256 bits), got ${n}`);
  }
  return value as Uint8Array;
}

/**
 * KAUSF, 32 bytes (TS 33.501 Annex A.2): KDF(CK || IK, FC = 0x6A, P0 = serving network name,
 * P1 = SQN xor AK).
 */
export function kausf(ck: Uint8Array, ik: Uint8Array, servingNetwork: string, sqnXorAk: Uint8Array): Uint8Array {
  checkName('servingNetworkName', servingNetwork);
  checkBytes('sqnXorAk', sqnXorAk, 6);
  return withCkIk(ck, ik, (key) =>
    kdfNamed(key, FIVEG_FC.kausf, [servingNetwork, sqnXorAk], ['servingNetworkName', 'sqnXorAk']));
}

/**
 * RES* (UE) or XRES* (home network), 16 bytes (TS 33.501 Annex A.4): the 128 least significant
 * bits of KDF(CK || IK, FC = 0x6B, P0 = serving network name, P1 = RAND, P2 = RES or XRES).
 */
export function resStar(ck: Uint8Array, ik: Uint8Array, servingNetwork: string, rand: Uint8Array, res: Uint8Array): Uint8Array {
  checkName('servingNetworkName', servingNetwork);
  checkBytes('rand', rand, 16);
  checkRes('res', res);
  const full = withCkIk(ck, ik, (key) =>
    kdfNamed(key, FIVEG_FC.resStar, [servingNetwork, rand, res], ['servingNetworkName', 'rand', 'res']));
  const low = full.slice(16);
  full.fill(0);
  return low;
}

/** XRES*: resStar() computed by the home network from XRES (TS 33.501 Annex A.4). */
export const xresStar = resStar;

/**
 * HRES* (SEAF) or HXRES* (AUSF), 16 bytes (TS 33.501 Annex A.5): the 128 most significant bits
 * of SHA-256(RAND || RES*), where RES* is 16 bytes.
 */
export function hresStar(rand: Uint8Array, resStarValue: Uint8Array): Uint8Array {
  checkBytes('rand', rand, 16);
  checkBytes('resStar', resStarValue, 16);
  const input = new Uint8Array(32);
  input.set(rand, 0);
  input.set(resStarValue, 16);
  return sha256(input).slice(0, 16);
}

/** HXRES*: hresStar() of XRES* (TS 33.501 Annex A.5). */
export const hxresStar = hresStar;

/**
 * KSEAF, 32 bytes (TS 33.501 Annex A.6): KDF(KAUSF, FC = 0x6C, P0 = serving network name).
 */
export function kseaf(kausfKey: Uint8Array, servingNetwork: string): Uint8Array {
  checkBytes('kausf', kausfKey, 32);
  checkName('servingNetworkName', servingNetwork);
  return kdfNamed(kausfKey, FIVEG_FC.kseaf, [servingNetwork], ['servingNetworkName']);
}

/**
 * KAMF, 32 bytes (TS 33.501 Annex A.7): KDF(KSEAF, FC = 0x6D, P0 = SUPI, P1 = ABBA). For a SUPI
 * of type IMSI, P0 is the IMSI's digits (e.g. "001010123456789"), for a NAI the NAI; ABBA is the
 * ABBA parameter (TS 24.501 clause 9.11.3.10, at least 2 bytes; 0x0000 in Release 15).
 */
export function kamf(kseafKey: Uint8Array, supi: string, abba: Uint8Array): Uint8Array {
  checkBytes('kseaf', kseafKey, 32);
  checkName('supi', supi);
  checkUint8Array('abba', abba);
  if (abba.length < 2) throw new RangeError(`abba must be at least 2 bytes (TS 24.501 clause 9.11.3.10), got ${abba.length}`);
  return kdfNamed(kseafKey, FIVEG_FC.kamf, [supi, abba], ['supi', 'abba']);
}

/** Why a RES* or HRES* check failed: the received value has the wrong length, or differs. */
export type ResStarFailure = 'length' | 'mismatch';
/** The result of checking a RES* or HRES* from the network: it never throws for the received value. */
export type ResStarCheck = { ok: true } | { ok: false; reason: ResStarFailure };

function compare(expected: Uint8Array, received: unknown): ResStarCheck {
  if (!(received instanceof Uint8Array) || received.length !== expected.length) return { ok: false, reason: 'length' };
  return constantTimeEqual(expected, received) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/**
 * The AUSF's check of the RES* received from the UE against XRES* (TS 33.501 clause 6.1.3.2
 * step 11), in constant time. `expectedXresStar` is the caller's (16 bytes); `received` is from the
 * network and only yields `{ ok: false, reason }`.
 */
export function checkResStar(expectedXresStar: Uint8Array, received: Uint8Array): ResStarCheck {
  return compare(checkBytes('expectedXresStar', expectedXresStar, 16), received);
}

/**
 * The SEAF's check (TS 33.501 clause 6.1.3.2 step 10): HRES* computed from RAND and the received
 * RES* against HXRES*, in constant time. A received RES* of the wrong length yields 'length'.
 */
export function checkHresStar(expectedHxresStar: Uint8Array, rand: Uint8Array, received: Uint8Array): ResStarCheck {
  checkBytes('expectedHxresStar', expectedHxresStar, 16);
  checkBytes('rand', rand, 16);
  if (!(received instanceof Uint8Array) || received.length !== 16) return { ok: false, reason: 'length' };
  return compare(expectedHxresStar, hresStar(rand, received));
}
