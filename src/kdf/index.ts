// The key derivations: the 3GPP KDF (TS 33.220), EPS (TS 33.401) and 5G (TS 33.501) keys,
// EAP-AKA (RFC 4187) and EAP-AKA' (RFC 9048), and the GSM conversions (TS 33.102).
export { kdf, kdfInput, MAX_PARAMETER_LENGTH } from './generic.js';
export type { KdfParameter } from './generic.js';
export { encodePlmn, splitMccMnc } from './plmn.js';
export type { Plmn } from './plmn.js';
export { EPS_FC, ALGORITHM_TYPES, kasme, kenb, algorithmKey, knasEnc, knasInt } from './eps.js';
export type { AlgorithmType } from './eps.js';
export {
  FIVEG_FC, servingNetworkName, kausf, resStar, xresStar, hresStar, hxresStar, kseaf, kamf, checkResStar, checkHresStar,
} from './fiveg.js';
export type { ResStarCheck, ResStarFailure } from './fiveg.js';
export { fips186Prf, eapAkaMasterKey, eapAkaKeys, eapAkaAtMac, verifyEapAkaAtMac } from './eap-aka.js';
export type { EapAkaKeys } from './eap-aka.js';
export {
  CK_IK_PRIME_FC, ckIkPrime, prfPrime, eapAkaPrimeKeys, eapAkaPrime, eapAkaPrimeAtMac, verifyEapAkaPrimeAtMac,
} from './eap-aka-prime.js';
export type { CkIkPrime, EapAkaPrimeKeys, EapAkaPrimeInput } from './eap-aka-prime.js';
export { AT_MAC_BYTES } from './eap-packet.js';
export type { AtMacCheck, AtMacFailure } from './eap-packet.js';
export { c2, c3, c4, c5 } from './gsm.js';
