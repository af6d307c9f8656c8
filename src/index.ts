// akacore: the 3GPP AKA and IMS access-security crypto core. Call `await init()` (or `initSync()`)
// once before anything else.
export { default, default as init, initSync } from './wasm.js';
export type { InitInput } from './wasm.js';
export { fromHex, fromHexOf, toHex, constantTimeEqual } from './bytes.js';
export { Aes128 } from './aes.js';
export {
  Milenage, milenageBatch, DEFAULT_CONSTANTS, STRIDES,
} from './milenage.js';
export { buildAutn } from './aka-algorithm.js';
export type { AkaAlgorithm, AkaSizes, AkaOutputs } from './aka-algorithm.js';
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
export { Isim, DEFAULT_DELTA, DEFAULT_LIMIT } from './isim.js';
export type { IsimOptions, IsimState, IsimResult, SyncCause } from './isim.js';
export {
  buildNonce, parseNonce, akaV1Password, akaV2Password, autsParameter, SYNC_FAILURE_PASSWORD, digestResponse,
  verifyDigestResponse, akaPassword, akaDigestResponse, verifyAkaDigestResponse, formatAuthorization,
} from './sip/index.js';
export type {
  NonceResult, DigestAlgorithm, DigestQop, DigestParams, AkaDigestAlgorithm, AkaDigestParams, AuthorizationExtras,
} from './sip/index.js';
export { Tuak, TUAK_DEFAULTS } from './tuak.js';
export type { TuakOptions, TuakOutputs } from './tuak.js';
export { keccakF1600, KECCAK_STATE_BYTES } from './keccak.js';
export { generateVectors, generateBatch, resynchronise, randomBytes } from './hss.js';
export type {
  VectorOptions, HssVector, BatchSubscriber, BatchInput, HssVectorBatch, BatchResult, ResyncFailure, ResyncResult,
  ResyncOptions,
} from './hss.js';
export { initialSqnState, sqnOfState, planSqns, nextSeq, SqnExhaustedError } from './hss-sqn.js';
export type { SqnState, SqnClock, SqnPolicy, SqnPlan } from './hss-sqn.js';
export { setSeparationBit, clearSeparationBit, hasSeparationBit } from './amf.js';
export { XorAlgorithm } from './xor-algorithm.js';
export type { XorOptions } from './xor-algorithm.js';
export { SQN_MAX, DEFAULT_IND_BITS, sqnToBytes, sqnFromBytes, splitSqn, joinSqn } from './sqn.js';
export { HssWebPool } from './hss-web-pool.js';
export type { HssWebPoolOptions } from './hss-web-pool.js';
export type { PoolBatchInput } from './hss-parts.js';
export * from './kdf/index.js';
export type { VerifyIntoResult } from './esp/index.js';
export type { ChallengeOutputs } from './aka-algorithm.js';
