// An ESP security association as the interop harness describes it to every judge (tshark, scapy, the
// node:crypto reference), with the per-algorithm sizes each judge must agree on. Algorithm names are
// the ipsec-3gpp ones of TS 33.203 clause 7.1 / RFC 3329 where they exist ("hmac-sha-1-96",
// "hmac-md5-96", "aes-cbc", "des-ede3-cbc", "null"); AES-GCM (RFC 4106) carries its ICV size.

export type Encryption = 'null' | 'aes-cbc' | 'des-ede3-cbc' | 'aes-gcm-8' | 'aes-gcm-12' | 'aes-gcm-16';
export type Integrity = 'null' | 'hmac-sha-1-96' | 'hmac-md5-96';

export interface EspSa {
  /** Security Parameters Index, RFC 4303 clause 2.1 (never 0; 1..255 are reserved). */
  spi: number;
  /** Outer source and destination addresses, IPv4 or IPv6 text: the SA selectors tshark matches on. */
  src: string;
  dst: string;
  encryption: Encryption;
  /** For AES-GCM: the key followed by the 4-byte salt (RFC 4106 clause 8.1). */
  encryptionKey: Uint8Array;
  integrity: Integrity;
  integrityKey: Uint8Array;
}

export interface EncryptionFacts {
  /** Accepted key lengths in bytes (with the salt for GCM). */
  keyBytes: readonly number[];
  /** Explicit IV carried in each packet: RFC 3602 clause 3 (16), RFC 2451 clause 2.2 (8), RFC 4106 clause 3.1 (8). */
  ivBytes: number;
  /** Plaintext alignment before the pad length byte: the cipher block, at least 4 (RFC 4303 clause 2.4). */
  alignBytes: number;
  /** ICV of a combined-mode algorithm (RFC 4106 clause 6); 0 when a separate integrity algorithm gives it. */
  icvBytes: number;
}

export const ENCRYPTION: Record<Encryption, EncryptionFacts> = {
  null: { keyBytes: [0], ivBytes: 0, alignBytes: 4, icvBytes: 0 }, // RFC 2410
  'aes-cbc': { keyBytes: [16, 24, 32], ivBytes: 16, alignBytes: 16, icvBytes: 0 }, // RFC 3602
  'des-ede3-cbc': { keyBytes: [24], ivBytes: 8, alignBytes: 8, icvBytes: 0 }, // RFC 2451
  'aes-gcm-8': { keyBytes: [20, 28, 36], ivBytes: 8, alignBytes: 4, icvBytes: 8 }, // RFC 4106
  'aes-gcm-12': { keyBytes: [20, 28, 36], ivBytes: 8, alignBytes: 4, icvBytes: 12 },
  'aes-gcm-16': { keyBytes: [20, 28, 36], ivBytes: 8, alignBytes: 4, icvBytes: 16 },
};

export interface IntegrityFacts {
  keyBytes: number;
  /** Truncated HMAC output appended as the ICV: 96 bits (RFC 2404 clause 2, RFC 2403 clause 2). */
  icvBytes: number;
}

export const INTEGRITY: Record<Integrity, IntegrityFacts> = {
  null: { keyBytes: 0, icvBytes: 0 },
  'hmac-sha-1-96': { keyBytes: 20, icvBytes: 12 }, // RFC 2404
  'hmac-md5-96': { keyBytes: 16, icvBytes: 12 }, // RFC 2403
};

/** True for combined-mode (AEAD) algorithms, which take no separate integrity algorithm (RFC 4303 clause 3.2.3). */
export function isCombinedMode(encryption: Encryption): boolean {
  return ENCRYPTION[encryption].icvBytes > 0;
}

/** Throws unless the SA's key sizes and algorithm pairing are ones every judge accepts. */
export function checkSa(sa: EspSa): void {
  const enc = ENCRYPTION[sa.encryption], integ = INTEGRITY[sa.integrity];
  if (!enc) throw new TypeError(`encryption must be one of ${Object.keys(ENCRYPTION).join(', ')}, got ${sa.encryption}`);
  if (!integ) throw new TypeError(`integrity must be one of ${Object.keys(INTEGRITY).join(', ')}, got ${sa.integrity}`);
  if (!enc.keyBytes.includes(sa.encryptionKey.length)) {
    throw new RangeError(`encryptionKey for ${sa.encryption} must be ${enc.keyBytes.join(' or ')} bytes, got ${sa.encryptionKey.length}`);
  }
  if (sa.integrityKey.length !== integ.keyBytes) {
    throw new RangeError(`integrityKey for ${sa.integrity} must be ${integ.keyBytes} bytes, got ${sa.integrityKey.length}`);
  }
  if (isCombinedMode(sa.encryption) && sa.integrity !== 'null') {
    throw new TypeError(`integrity must be null with ${sa.encryption}, got ${sa.integrity}`);
  }
  if (!Number.isInteger(sa.spi) || sa.spi < 256 || sa.spi > 0xffffffff) {
    throw new RangeError(`spi must be an integer in 256..2^32-1, got ${sa.spi}`);
  }
}
