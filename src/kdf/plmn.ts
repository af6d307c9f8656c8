// The PLMN identity from MCC and MNC digits: the 3-octet serving network identity of the EPS
// key derivations (TS 33.401 Annex A.2, coded as in TS 24.301 clause 9.9.3.32 / TS 24.008
// figure 10.5.13) and the MCC / MNC strings that the 5G serving network name is built from.

import { describe } from '../bytes.js';

/** Mobile country code and mobile network code, as decimal digit strings. */
export interface Plmn {
  /** Three digits. */
  mcc: string;
  /** Two or three digits. */
  mnc: string;
}

/** Throws unless `value` is a string of `min` to `max` decimal digits. */
function checkDigits(field: string, value: unknown, min: number, max: number): string {
  const expected = min === max ? `${min}` : `${min} or ${max}`;
  if (typeof value !== 'string') throw new TypeError(`${field} must be a string of ${expected} decimal digits, got ${describe(value)}`);
  if (!/^\d*$/.test(value) || value.length < min || value.length > max) {
    throw new RangeError(`${field} must be ${expected} decimal digits, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Checks an MCC (3 digits) and MNC (2 or 3 digits); returns them. */
export function checkPlmn(mcc: unknown, mnc: unknown): Plmn {
  return { mcc: checkDigits('mcc', mcc, 3, 3), mnc: checkDigits('mnc', mnc, 2, 3) };
}

/** Splits "MCCMNC" (5 or 6 digits, e.g. "00101" or "310410") into MCC and MNC. */
export function splitMccMnc(mccMnc: string): Plmn {
  const digits = checkDigits('mccMnc', mccMnc, 5, 6);
  return { mcc: digits.slice(0, 3), mnc: digits.slice(3) };
}

/**
 * The 3-octet PLMN identity (TS 24.301 clause 9.9.3.32, TS 24.008 clause 10.5.1.13): octet 1 =
 * MCC digit 2 | MCC digit 1, octet 2 = MNC digit 3 | MCC digit 3, octet 3 = MNC digit 2 | MNC
 * digit 1 (high nibble | low nibble), with the filler 0xF for MNC digit 3 of a two-digit MNC.
 * This is the serving network identity of TS 33.401 Annex A.2.
 */
export function encodePlmn(mcc: string, mnc: string): Uint8Array {
  checkPlmn(mcc, mnc);
  const d = (s: string, i: number) => s.charCodeAt(i) - 0x30;
  const mnc3 = mnc.length === 3 ? d(mnc, 2) : 0xf;
  return Uint8Array.of(d(mcc, 1) << 4 | d(mcc, 0), mnc3 << 4 | d(mcc, 2), d(mnc, 1) << 4 | d(mnc, 0));
}
