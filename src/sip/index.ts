// SIP Digest AKA (RFC 3310, RFC 4169) on HTTP Digest (RFC 2617, RFC 7616): one concern a file.
export { buildNonce, parseNonce } from './nonce.js';
export type { NonceResult } from './nonce.js';
export { akaV1Password, akaV2Password, autsParameter, SYNC_FAILURE_PASSWORD } from './aka-password.js';
export { digestResponse, verifyDigestResponse } from './digest.js';
export type { DigestAlgorithm, DigestQop, DigestParams } from './digest.js';
export { akaPassword, akaDigestResponse, verifyAkaDigestResponse } from './aka-digest.js';
export type { AkaDigestAlgorithm, AkaDigestParams } from './aka-digest.js';
export { formatAuthorization } from './authorization.js';
export type { AuthorizationExtras } from './authorization.js';
export { toBase64, fromBase64 } from './base64.js';
