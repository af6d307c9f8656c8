// akacore: the 3GPP AKA and IMS access-security crypto core. Call `await init()` (or `initSync()`)
// once before anything else.
export { default, default as init, initSync } from './wasm.js';
export type { InitInput } from './wasm.js';
export { fromHex, fromHexOf, toHex, constantTimeEqual } from './bytes.js';
export { Aes128 } from './aes.js';
export {
  Milenage, milenageBatch, DEFAULT_CONSTANTS, STRIDES,
} from './milenage.js';
export type { AkaAlgorithm, AkaSizes } from './aka-algorithm.js';
export type {
  MilenageConstants, MilenageOutputs, AuthenticationVector, MilenageBatchInput, AuthenticationVectorBatch,
} from './milenage.js';
export {
  ENCRYPTION, INTEGRITY, checkAlgorithms, wasmPrimitives, espKeys, DEFAULT_REPLAY_WINDOW, MAX_REPLAY_WINDOW, ReplayWindow,
  OutboundSa, InboundSa, NAT_T_PORT, classifyUdpPayload, decapsulate, encapsulate,
} from './esp/index.js';
export type {
  AeadTransform, CipherTransform, EncryptionAlgorithm, EncryptionSizes, HmacAlgorithm, IntegrityAlgorithm,
  IntegritySizes, IntegrityTransform, Primitives, EspKeyOptions, EspKeys, HmacSha256, SaOptions,
  OutboundSaOptions, InboundSaOptions, VerifyFailure, VerifyResult, NatTPayload,
} from './esp/index.js';
export { AesCbc } from './cbc.js';
export { AesGcm } from './gcm.js';
export { espGcmKeyMaterial, espGcmNonce, espGcmAad, espGmacAad } from './esp-gcm.js';
export { sha1, md5, sha256, hash, DIGEST_SIZES } from './hash.js';
export type { HashAlgorithm } from './hash.js';
export { Hmac, hmacSha1_96, hmacMd5_96 } from './hmac.js';
export type { HmacOptions } from './hmac.js';
export { TripleDesCbc } from './tdes.js';
export type { TripleDesCbcJob } from './tdes.js';
export type { VerifyIntoResult } from './esp/index.js';
