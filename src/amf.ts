// The AMF separation bit (TS 33.102 Annex H, TS 33.401 Annex H): bit 0 of AMF, its most
// significant bit, is 1 in authentication vectors for E-UTRAN (EPS) and 5G, and 0 for UMTS / GSM.
// A USIM that supports the check rejects an EPS or 5G challenge whose AMF has it clear.

import { checkBytes } from './bytes.js';

/** Bit 0 of AMF in the spec's numbering: the most significant bit of the first byte. */
const SEPARATION_BIT = 0x80;

/** A copy of `amf` with the separation bit set (TS 33.401 Annex H: vectors for EPS and 5G). */
export function setSeparationBit(amf: Uint8Array): Uint8Array {
  const copy = new Uint8Array(checkBytes('amf', amf, 2));
  copy[0]! |= SEPARATION_BIT;
  return copy;
}

/** A copy of `amf` with the separation bit cleared (TS 33.102 Annex H: vectors for UMTS / GSM). */
export function clearSeparationBit(amf: Uint8Array): Uint8Array {
  const copy = new Uint8Array(checkBytes('amf', amf, 2));
  copy[0]! &= ~SEPARATION_BIT;
  return copy;
}

/** Whether the separation bit of `amf` is set (TS 33.102 Annex H). */
export function hasSeparationBit(amf: Uint8Array): boolean {
  return (checkBytes('amf', amf, 2)[0]! & SEPARATION_BIT) !== 0;
}
