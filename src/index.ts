// akacore: the 3GPP AKA and IMS access-security crypto core. Call `await init()` (or `initSync()`)
// once before anything else.
export { default, default as init, initSync } from './wasm.js';
export type { InitInput } from './wasm.js';
export { fromHex, fromHexOf, toHex, constantTimeEqual } from './bytes.js';
export { Aes128 } from './aes.js';
export {
  Milenage, milenageBatch, DEFAULT_CONSTANTS, STRIDES,
} from './milenage.js';
export type {
  MilenageConstants, MilenageOutputs, AuthenticationVector, MilenageBatchInput, AuthenticationVectorBatch,
} from './milenage.js';
export { sha1, md5, sha256, hash, DIGEST_SIZES } from './hash.js';
export type { HashAlgorithm } from './hash.js';
export { Hmac, hmacSha1_96, hmacMd5_96 } from './hmac.js';
export type { HmacOptions } from './hmac.js';
