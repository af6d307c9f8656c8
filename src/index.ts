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
export { TripleDesCbc } from './tdes.js';
export type { TripleDesCbcJob } from './tdes.js';
