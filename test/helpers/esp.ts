// Shared fixtures of the ESP tests: every algorithm pair, random keys, SA pairs on akacore, and
// an ESP encoder written straight from the RFCs with node:crypto, independent of src/esp.

import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import {
  ENCRYPTION, INTEGRITY, InboundSa, OutboundSa, espKeys,
  type EncryptionAlgorithm, type EspKeys, type InboundSaOptions, type IntegrityAlgorithm, type OutboundSaOptions,
} from '../../src/index.js';
import { wasmPrimitives } from '../../src/index.js';

export interface AlgorithmPair {
  readonly integrity: IntegrityAlgorithm;
  readonly encryption: EncryptionAlgorithm;
}

/** Every combination the SA layer accepts. */
export const PAIRS: readonly AlgorithmPair[] = [
  ...(['hmac-sha-1-96', 'hmac-md5-96'] as const).flatMap((integrity) =>
    (['null', 'aes-cbc', 'des-ede3-cbc'] as const).map((encryption) => ({ integrity, encryption }))),
  { integrity: 'aes-gmac', encryption: 'null' },
  { integrity: 'null', encryption: 'aes-gcm-16' },
  { integrity: 'null', encryption: 'aes-gcm-12' },
  { integrity: 'null', encryption: 'aes-gcm-8' },
];

export const pairName = ({ integrity, encryption }: AlgorithmPair) => `${integrity} + ${encryption}`;

/** HMAC-SHA-256 for the TS 33.220 KDF, from node:crypto. */
export const nodeHmacSha256 = (key: Uint8Array, data: Uint8Array): Uint8Array =>
  new Uint8Array(createHmac('sha256', key).update(data).digest());

/** ESP keys from a random IK and CK, as TS 33.203 Annex I derives them. */
export function randomKeys(pair: AlgorithmPair): EspKeys {
  return espKeys(randomBytes(16), randomBytes(16), { ...pair, hmacSha256: nodeHmacSha256 });
}

export const SPI = 0x1234_5678;

export interface SaPairOptions {
  readonly esn?: boolean;
  readonly replayWindow?: number;
  readonly checkPadding?: boolean;
  readonly ivSource?: OutboundSaOptions['ivSource'];
  readonly initialSequence?: bigint;
  readonly keys?: EspKeys;
}

/** An outbound SA and the inbound SA of its peer, with the same keys, on akacore's primitives. */
export function saPair(pair: AlgorithmPair, options: SaPairOptions = {}) {
  const keys = options.keys ?? randomKeys(pair);
  const common = { spi: SPI, ...pair, keys, esn: options.esn ?? false, primitives: wasmPrimitives };
  const outbound = new OutboundSa({ ...common, ivSource: options.ivSource, initialSequence: options.initialSequence });
  const inboundOptions: InboundSaOptions = { ...common, replayWindow: options.replayWindow, checkPadding: options.checkPadding };
  const inbound = new InboundSa(inboundOptions);
  return { outbound, inbound, keys };
}

export interface ReferenceInput {
  readonly pair: AlgorithmPair;
  readonly keys: EspKeys;
  readonly spi: number;
  readonly esn: boolean;
  readonly seqHigh: number;
  readonly seq: number;
  readonly iv: Uint8Array;
  readonly payload: Uint8Array;
  readonly nextHeader: number;
}

const u32 = (value: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0);
  return b;
};

/**
 * An ESP packet built from the RFC text alone: RFC 4303 sections 2.4 (default padding, alignment to
 * the block and to 4 bytes), 2.2.1 and 2.8 (ESN high bits after Next Header for the ICV), RFC
 * 2403/2404 (HMAC-96), RFC 3602 / 2451 (CBC), RFC 4106 section 5 (GCM AAD) and RFC 4543 section 3.3
 * (GMAC: the whole packet, with the ESN high bits after the SPI, is AAD).
 */
export function referencePacket(input: ReferenceInput): Uint8Array {
  const { pair, keys, spi, esn, seqHigh, seq, iv, payload, nextHeader } = input;
  const block = ENCRYPTION[pair.encryption].blockSize;
  const alignment = Math.max(block, 4);
  let pad = 0;
  while ((payload.length + pad + 2) % alignment !== 0) pad++;
  const text = Buffer.concat([payload, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1)), Buffer.from([pad, nextHeader])]);
  const header = Buffer.concat([u32(spi), u32(seq)]);
  const high = esn ? u32(seqHigh) : Buffer.alloc(0);
  if (ENCRYPTION[pair.encryption].combined || pair.integrity === 'aes-gmac') {
    const gmac = pair.integrity === 'aes-gmac';
    const key = gmac ? keys.integrityKey! : keys.cipherKey!;
    const tagLength = gmac ? 16 : ENCRYPTION[pair.encryption].icvLength;
    const gcm = createCipheriv('aes-128-gcm', key, Buffer.concat([keys.salt!, iv]), { authTagLength: tagLength });
    if (gmac) {
      gcm.setAAD(Buffer.concat([u32(spi), high, u32(seq), iv, text]));
      gcm.final();
      return new Uint8Array(Buffer.concat([header, iv, text, gcm.getAuthTag()]));
    }
    gcm.setAAD(Buffer.concat([u32(spi), high, u32(seq)]));
    const sealed = Buffer.concat([gcm.update(text), gcm.final(), gcm.getAuthTag()]);
    return new Uint8Array(Buffer.concat([header, iv, sealed]));
  }
  let body: Buffer = text;
  if (pair.encryption !== 'null') {
    const cipher = createCipheriv(pair.encryption === 'aes-cbc' ? 'aes-128-cbc' : 'des-ede3-cbc', keys.cipherKey!, iv);
    cipher.setAutoPadding(false);
    body = Buffer.concat([cipher.update(text), cipher.final()]);
  }
  const covered = Buffer.concat([header, iv, body]);
  const hash = pair.integrity === 'hmac-sha-1-96' ? 'sha1' : 'md5';
  const icv = createHmac(hash, keys.integrityKey!).update(Buffer.concat([covered, high])).digest().subarray(0, INTEGRITY[pair.integrity].icvLength);
  return new Uint8Array(Buffer.concat([covered, icv]));
}

/** The IV length of a pair. */
export const ivLength = (pair: AlgorithmPair) => ENCRYPTION[pair.encryption].ivLength + INTEGRITY[pair.integrity].ivLength;

/** Bytes 0, 1, 2, ... of the given length. */
export const counting = (length: number) => Uint8Array.from({ length }, (_, i) => i & 0xff);

/**
 * An IV source that replays the same IVs for several SAs, so that two ways of protecting the same
 * payloads can be compared byte for byte: call the result once per SA, and give each SA its own.
 */
export function sharedIvs(): () => (length: number) => Uint8Array {
  const ivs: Uint8Array[] = [];
  return () => {
    let used = 0;
    return (length: number) => {
      if (used === ivs.length) ivs.push(randomBytes(length));
      return ivs[used++]!;
    };
  };
}
