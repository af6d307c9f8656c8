// ESP keys from the IMS AKA keys IK and CK: the key expansion of 3GPP TS 33.203 Annex I.

import { Hmac } from '../hmac.js';
import { checkBytes } from '../bytes.js';
import { checkAlgorithms, type EncryptionAlgorithm, type IntegrityAlgorithm } from './algorithms.js';

/** The keys of one ESP SA; which are present depends on the algorithms. */
export interface EspKeys {
  /** IK_ESP: the HMAC key, or the AES-GMAC key. */
  readonly integrityKey?: Uint8Array;
  /** CK_ESP: the AES-CBC, 3DES-CBC or AES-GCM key. */
  readonly cipherKey?: Uint8Array;
  /** The 4-byte salt of AES-GCM (RFC 4106 section 4) or AES-GMAC (RFC 4543 section 3.2). */
  readonly salt?: Uint8Array;
}

/** HMAC-SHA-256(key, data): the KDF of TS 33.220 Annex B.2 that derives the GCM / GMAC salts. */
export type HmacSha256 = (key: Uint8Array, data: Uint8Array) => Uint8Array;

export interface EspKeyOptions {
  readonly integrity: IntegrityAlgorithm;
  readonly encryption: EncryptionAlgorithm;
  /**
   * The HMAC-SHA-256 of the KDF that derives the aes-gmac and aes-gcm-* salts (TS 33.203 Annex I);
   * akacore's own unless another is given.
   */
  readonly hmacSha256?: HmacSha256;
}

/** HMAC-SHA-256 on the WebAssembly core, the default of espKeys(). */
function wasmHmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  const hmac = new Hmac('sha256', key);
  try {
    return hmac.mac(data);
  } finally {
    hmac.dispose();
  }
}

// TS 33.203 Annex I: FC values and P0 strings of the salt derivations.
const GMAC_SALT = { fc: 0x58, label: 'AES_GMAC_SALT' } as const;
const GCM_SALT = { fc: 0x59, label: 'AES_GCM_SALT' } as const;

/**
 * The ESP keys of TS 33.203 Annex I from IK_IM and CK_IM (16 bytes each): hmac-sha-1-96 takes
 * IK || 32 zero bits, hmac-md5-96 and aes-gmac take IK; aes-cbc and aes-gcm take CK; des-ede3-cbc
 * takes CK1 || CK2 || CK1 where CK = CK1 || CK2. The AES-GMAC and AES-GCM salts are the 32 least
 * significant bits of KDF(CK || IK, S) with S = FC || P0 || L0 (TS 33.220 Annex B.2).
 */
export function espKeys(ik: Uint8Array, ck: Uint8Array, options: EspKeyOptions): EspKeys {
  checkBytes('ik', ik, 16);
  checkBytes('ck', ck, 16);
  const { integrity, encryption, hmacSha256 = wasmHmacSha256 } = options ?? ({} as EspKeyOptions);
  checkAlgorithms(integrity, encryption);
  const salt = (which: { fc: number; label: string }) => derivedSalt(ik, ck, which, hmacSha256, integrity, encryption);
  return {
    ...integrityKeys(ik, integrity, salt),
    ...cipherKeys(ck, encryption, salt),
  };
}

type SaltOf = (which: { fc: number; label: string }) => Uint8Array;

function integrityKeys(ik: Uint8Array, integrity: IntegrityAlgorithm, salt: SaltOf): EspKeys {
  switch (integrity) {
    case 'hmac-sha-1-96': {
      const key = new Uint8Array(20);
      key.set(ik);
      return { integrityKey: key };
    }
    case 'hmac-md5-96': return { integrityKey: new Uint8Array(ik) };
    case 'aes-gmac': return { integrityKey: new Uint8Array(ik), salt: salt(GMAC_SALT) };
    case 'null': return {};
  }
}

function cipherKeys(ck: Uint8Array, encryption: EncryptionAlgorithm, salt: SaltOf): EspKeys {
  switch (encryption) {
    case 'aes-cbc': return { cipherKey: new Uint8Array(ck) };
    case 'des-ede3-cbc': {
      const key = new Uint8Array(24);
      key.set(ck);
      key.set(ck.subarray(0, 8), 16);
      return { cipherKey: key };
    }
    case 'aes-gcm-16':
    case 'aes-gcm-12':
    case 'aes-gcm-8': return { cipherKey: new Uint8Array(ck), salt: salt(GCM_SALT) };
    case 'null': return {};
  }
}

function derivedSalt(
  ik: Uint8Array, ck: Uint8Array, { fc, label }: { fc: number; label: string },
  hmacSha256: HmacSha256 | undefined, integrity: string, encryption: string,
): Uint8Array {
  if (typeof hmacSha256 !== 'function') {
    throw new TypeError(
      `hmacSha256 must be a function (the TS 33.220 KDF) to derive the salt of ${integrity} / ${encryption}, got ${typeof hmacSha256}`,
    );
  }
  const key = new Uint8Array(32);
  key.set(ck);
  key.set(ik, 16);
  const output = hmacSha256(key, kdfInput(fc, label));
  key.fill(0);
  if (!(output instanceof Uint8Array) || output.length !== 32) {
    throw new RangeError(`hmacSha256 must return 32 bytes, got ${output instanceof Uint8Array ? output.length : typeof output}`);
  }
  const salt = output.slice(28);
  output.fill(0);
  return salt;
}

/** S = FC || P0 || L0 (TS 33.220 Annex B.2.2): L0 is the two-byte big-endian length of P0. */
export function kdfInput(fc: number, label: string): Uint8Array {
  const s = new Uint8Array(1 + label.length + 2);
  s[0] = fc;
  for (let i = 0; i < label.length; i++) s[1 + i] = label.charCodeAt(i);
  s[1 + label.length] = label.length >>> 8;
  s[2 + label.length] = label.length & 0xff;
  return s;
}
