// The ESP algorithms of IMS access security (3GPP TS 33.203 clause 7.1 and Annex H), their sizes, and
// the small interfaces the cryptographic primitives must satisfy. The SA layer is written against
// these interfaces only, so any implementation (the WebAssembly kernels, node:crypto in tests) plugs in.

/** Integrity algorithms: the `alg` parameter of TS 33.203 Annex H; 'null' only beside a combined mode. */
export type IntegrityAlgorithm = 'hmac-sha-1-96' | 'hmac-md5-96' | 'aes-gmac' | 'null';

/**
 * Encryption algorithms: the `ealg` parameter of TS 33.203 Annex H. TS 33.203's 'aes-gcm' is
 * 'aes-gcm-16' (RFC 4106 with the 16-octet ICV); the 8- and 12-octet ICV variants are RFC 4106's too.
 */
export type EncryptionAlgorithm =
  | 'null' | 'aes-cbc' | 'des-ede3-cbc' | 'aes-gcm-16' | 'aes-gcm-12' | 'aes-gcm-8';

/** Sizes in bytes. `saltLength` is the implicit nonce part of RFC 4106 section 4 / RFC 4543 section 3.2. */
export interface IntegritySizes {
  readonly keyLength: number;
  readonly icvLength: number;
  readonly ivLength: number;
  readonly saltLength: number;
}

/** Sizes in bytes; a combined mode (AES-GCM) carries its own ICV and needs integrity 'null'. */
export interface EncryptionSizes {
  readonly keyLength: number;
  readonly ivLength: number;
  readonly blockSize: number;
  readonly icvLength: number;
  readonly saltLength: number;
  readonly combined: boolean;
}

/** RFC 2404 (HMAC-SHA-1-96), RFC 2403 (HMAC-MD5-96), RFC 4543 (AES-GMAC, 128-bit key). */
export const INTEGRITY: Readonly<Record<IntegrityAlgorithm, IntegritySizes>> = {
  'hmac-sha-1-96': { keyLength: 20, icvLength: 12, ivLength: 0, saltLength: 0 },
  'hmac-md5-96': { keyLength: 16, icvLength: 12, ivLength: 0, saltLength: 0 },
  'aes-gmac': { keyLength: 16, icvLength: 16, ivLength: 8, saltLength: 4 },
  'null': { keyLength: 0, icvLength: 0, ivLength: 0, saltLength: 0 },
};

/** RFC 2410 (NULL), RFC 3602 (AES-CBC, 128-bit key), RFC 2451 (3DES-CBC), RFC 4106 (AES-GCM, 128-bit key). */
export const ENCRYPTION: Readonly<Record<EncryptionAlgorithm, EncryptionSizes>> = {
  'null': { keyLength: 0, ivLength: 0, blockSize: 1, icvLength: 0, saltLength: 0, combined: false },
  'aes-cbc': { keyLength: 16, ivLength: 16, blockSize: 16, icvLength: 0, saltLength: 0, combined: false },
  'des-ede3-cbc': { keyLength: 24, ivLength: 8, blockSize: 8, icvLength: 0, saltLength: 0, combined: false },
  'aes-gcm-16': { keyLength: 16, ivLength: 8, blockSize: 1, icvLength: 16, saltLength: 4, combined: true },
  'aes-gcm-12': { keyLength: 16, ivLength: 8, blockSize: 1, icvLength: 12, saltLength: 4, combined: true },
  'aes-gcm-8': { keyLength: 16, ivLength: 8, blockSize: 1, icvLength: 8, saltLength: 4, combined: true },
};

/**
 * Throws a TypeError unless `integrity` and `encryption` name known algorithms that may be combined:
 * an HMAC with NULL, AES-CBC or 3DES-CBC; AES-GMAC with NULL; AES-GCM with integrity 'null'
 * (RFC 4303 section 3.2; TS 33.203 Annex H). Confidentiality without integrity is refused.
 */
export function checkAlgorithms(integrity: unknown, encryption: unknown): void {
  if (typeof integrity !== 'string' || !Object.hasOwn(INTEGRITY, integrity)) {
    throw new TypeError(`integrity must be one of ${Object.keys(INTEGRITY).join(', ')}, got ${String(integrity)}`);
  }
  if (typeof encryption !== 'string' || !Object.hasOwn(ENCRYPTION, encryption)) {
    throw new TypeError(`encryption must be one of ${Object.keys(ENCRYPTION).join(', ')}, got ${String(encryption)}`);
  }
  const combined = ENCRYPTION[encryption as EncryptionAlgorithm].combined;
  if (combined && integrity !== 'null') {
    throw new TypeError(`integrity must be 'null' with ${encryption}, which carries its own ICV (RFC 4106), got ${integrity}`);
  }
  if (!combined && integrity === 'null') {
    throw new TypeError(`integrity 'null' needs a combined mode (aes-gcm-*), got encryption ${encryption}: ESP without integrity is refused`);
  }
  if (integrity === 'aes-gmac' && encryption !== 'null') {
    throw new TypeError(`encryption must be 'null' with aes-gmac (RFC 4543 gives integrity only), got ${encryption}`);
  }
}

/** A keyed integrity transform (an HMAC truncated to the ICV length, RFC 2403 / RFC 2404). */
export interface IntegrityTransform {
  /** Bytes of the truncated ICV: 12 for the -96 algorithms. */
  readonly icvLength: number;
  /**
   * The truncated ICV over `data` followed by `tail`. The tail carries the implicit high-order 32 bits
   * of an extended sequence number (RFC 4303 sections 2.2.1 and 2.8), so no caller has to copy the packet.
   */
  icv(data: Uint8Array, tail?: Uint8Array): Uint8Array;
  /**
   * Optional batch form of icv(): the ICVs of many messages, message i being the `lengths[i]` bytes of
   * `messages` from `offsets[i]`, packed in message order (icvLength bytes each). The SA layer uses it
   * for protectMany / verifyMany when present and loops over icv() otherwise.
   */
  icvMany?(messages: Uint8Array, offsets: Uint32Array, lengths: Uint32Array): Uint8Array;
  /** Zeroes the key material; the transform cannot be used afterwards. */
  dispose(): void;
}

/** A keyed block cipher in CBC mode without padding (RFC 3602, RFC 2451). */
export interface CipherTransform {
  readonly blockSize: number;
  readonly ivLength: number;
  /** CBC-encrypts `plaintext`, a whole number of blocks, under `iv`. */
  encrypt(iv: Uint8Array, plaintext: Uint8Array): Uint8Array;
  /**
   * Optional batch form of encrypt(): plaintext i under the IV at bytes ivLength * i .. of `ivs`.
   * The SA layer uses it for protectMany when present and loops over encrypt() otherwise.
   */
  encryptMany?(ivs: Uint8Array, plaintexts: readonly Uint8Array[]): Uint8Array[];
  /** CBC-decrypts `ciphertext`, a whole number of blocks, under `iv`. */
  decrypt(iv: Uint8Array, ciphertext: Uint8Array): Uint8Array;
  dispose(): void;
}

/**
 * A keyed AES-GCM (NIST SP 800-38D). GMAC is `seal` with an empty plaintext: the result is the tag.
 * The nonce is the 12-byte salt || IV of RFC 4106 section 4.
 */
export interface AeadTransform {
  /** Ciphertext || tag, the tag `tagLength` (8, 12 or 16) bytes long. */
  seal(nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, tagLength: number): Uint8Array;
  /** The plaintext, or null when the tag (the last `tagLength` bytes of `sealed`) does not verify. */
  open(nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array, tagLength: number): Uint8Array | null;
  dispose(): void;
}

/** The HMAC-based integrity algorithms, the ones a `Primitives.hmac` must provide. */
export type HmacAlgorithm = 'hmac-sha-1-96' | 'hmac-md5-96';

/**
 * Factories of keyed transforms, handed to the SA constructors. Each is called once per SA with the
 * ESP key (lengths as in INTEGRITY / ENCRYPTION); the SA disposes what it creates.
 */
export interface Primitives {
  hmac(algorithm: HmacAlgorithm, key: Uint8Array): IntegrityTransform;
  aesCbc(key: Uint8Array): CipherTransform;
  tdesCbc(key: Uint8Array): CipherTransform;
  aesGcm(key: Uint8Array): AeadTransform;
}
