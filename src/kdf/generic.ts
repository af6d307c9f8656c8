// The generic key derivation function of 3GPP TS 33.220 Annex B.2, on which the EPS, 5G and
// EAP-AKA' derivations are built:
//
//   derived key = HMAC-SHA-256(Key, S),   S = FC || P0 || L0 || P1 || L1 || ... || Pn || Ln
//
// where FC is one octet naming the derivation and Li is the length of Pi in octets, two octets
// big-endian (B.2.1.1). The HMAC runs in the WebAssembly core; this module only builds S.

import { describe } from '../bytes.js';
import { checkUint8Array } from '../io.js';
import { hmacOnce } from '../hmac-once.js';

/** A KDF input parameter Pi: bytes as they are, or a character string (UTF-8, TS 33.220 B.2.1.2). */
export type KdfParameter = Uint8Array | string;

/** Li is two octets (TS 33.220 B.2.1.1), so no parameter can be longer than this. */
export const MAX_PARAMETER_LENGTH = 0xffff;

const utf8 = new TextEncoder();

/** Throws unless `fc` is one octet (TS 33.220 B.2.1.1: FC is a single octet). */
function checkFc(fc: unknown): number {
  if (typeof fc !== 'number' || !Number.isInteger(fc) || fc < 0 || fc > 0xff) {
    throw new RangeError(`fc must be one octet, a whole number from 0 to 255 (TS 33.220 B.2.1.1), got ${String(fc)}`);
  }
  return fc;
}

/** The octets of parameter `index` (named `field` in errors): strings are UTF-8 encoded (B.2.1.2). */
function parameterBytes(field: string, parameter: unknown): Uint8Array {
  let bytes: Uint8Array;
  if (typeof parameter === 'string') bytes = utf8.encode(parameter);
  else if (parameter instanceof Uint8Array) bytes = parameter;
  else throw new TypeError(`${field} must be a Uint8Array or a string, got ${describe(parameter)}`);
  if (bytes.length > MAX_PARAMETER_LENGTH) {
    throw new RangeError(`${field} must be at most ${MAX_PARAMETER_LENGTH} bytes (its length L is two octets, TS 33.220 B.2.1.1), got ${bytes.length}`);
  }
  return bytes;
}

/**
 * The KDF input string S = FC || P0 || L0 || ... || Pn || Ln of TS 33.220 Annex B.2.1.1.
 * `names` (optional) name the parameters in errors, e.g. 'servingNetworkName'.
 */
export function kdfInput(fc: number, parameters: readonly KdfParameter[], names?: readonly string[]): Uint8Array {
  checkFc(fc);
  const parts = parameters.map((p, i) => parameterBytes(names?.[i] ?? `parameters[${i}]`, p));
  const s = new Uint8Array(1 + parts.reduce((n, p) => n + p.length + 2, 0));
  s[0] = fc;
  let at = 1;
  for (const p of parts) {
    s.set(p, at);
    s[at + p.length] = p.length >>> 8;
    s[at + p.length + 1] = p.length & 0xff;
    at += p.length + 2;
  }
  return s;
}

/**
 * The generic 3GPP KDF (TS 33.220 Annex B.2): HMAC-SHA-256(key, FC || P0 || L0 || P1 || L1 ...),
 * 32 bytes. Parameters are bytes or strings (UTF-8 encoded, B.2.1.2), each at most 65535 bytes.
 */
export function kdf(key: Uint8Array, fc: number, ...parameters: KdfParameter[]): Uint8Array {
  return kdfNamed(key, fc, parameters);
}

/**
 * The KDF with named parameters, for the derivations of this folder: `names` name the parameters
 * in errors (e.g. 'servingNetworkName'; by default 'parameters[i]'). S is wiped after. @internal
 */
export function kdfNamed(key: Uint8Array, fc: number, parameters: readonly KdfParameter[], names?: readonly string[]): Uint8Array {
  checkUint8Array('key', key);
  const s = kdfInput(fc, parameters, names);
  try {
    return hmacOnce('sha256', key, s);
  } finally {
    s.fill(0);
  }
}
