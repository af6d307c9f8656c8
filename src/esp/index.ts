// IPsec ESP for the P-CSCF (RFC 4303 in transport mode, with the algorithms and keys of 3GPP TS 33.203).

export { ENCRYPTION, INTEGRITY, checkAlgorithms } from './algorithms.js';
export { wasmPrimitives } from './wasm-primitives.js';
export type {
  AeadTransform, CipherTransform, EncryptionAlgorithm, EncryptionSizes, HmacAlgorithm, IntegrityAlgorithm,
  IntegritySizes, IntegrityTransform, Primitives,
} from './algorithms.js';
export { espKeys } from './keys.js';
export type { EspKeyOptions, EspKeys, HmacSha256 } from './keys.js';
export { DEFAULT_REPLAY_WINDOW, MAX_REPLAY_WINDOW, ReplayWindow } from './replay-window.js';
export type { SaOptions } from './protection.js';
export { OutboundSa } from './outbound-sa.js';
export type { OutboundSaOptions } from './outbound-sa.js';
export { InboundSa } from './inbound-sa.js';
export type { InboundSaOptions, VerifyFailure, VerifyResult } from './inbound-sa.js';
export type { VerifyIntoResult } from './inbound-sa.js';
export { NAT_T_PORT, classifyUdpPayload, decapsulate, encapsulate } from './nat-t.js';
export type { NatTPayload } from './nat-t.js';
