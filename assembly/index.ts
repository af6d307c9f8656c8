// The only file that exports to JavaScript. Kernels take offsets into linear memory.
export { SCHEDULE_SIZE, expandKey, encryptBlocks, decryptBlocks } from "./aes";

/** Allocates `size` bytes of linear memory (16-byte aligned) for the TypeScript layer. */
export function alloc(size: usize): usize {
  return heap.alloc(size);
}

/** Zeroes and releases a block from alloc(). */
export function release(ptr: usize, size: usize): void {
  memory.fill(ptr, 0, size);
  heap.free(ptr);
}

export { CONSTANTS_SIZE, SLOT_SIZE, prepareConstants, initSlot, outputs, vectors } from "./milenage";
export { CBC_DESCRIPTOR_SIZE, cbcEncrypt, cbcDecrypt, cbcEncryptMany } from "./cbc";
export { cbcDecryptMany } from "./cbc";
export { CBC_SLOT_SIZE, cbcExpandKey } from "./cbc";
export { VPERM_SCHEDULE_SIZE, vpermExpandKey, vpermEncryptBlocks } from "./aes-vperm";
export { GCM_SLOT_SIZE, gcmInit, gcmSeal, gcmOpen } from "./gcm";
export { SHA1, MD5, SHA256, digest } from "./hash";
export { HMAC_SLOT_SIZE, hmacKey, hmacMac, hmacMany } from "./hmac";
export { TDES_SLOT_SIZE, TDES_JOB_SIZE, tdesExpandKey, tdesEncryptCbc, tdesDecryptCbc, tdesEncryptCbcMany } from "./tdes-cbc";
export { KECCAK_STATE_SIZE, keccakF1600, keccakF1600x2 } from "./keccak";
export { TUAK_SLOT_SIZE, TUAK_OUTPUTS_SIZE, TUAK_F1, TUAK_F1_STAR, TUAK_F2345, TUAK_F5_STAR, tuakInit, tuakOutputs } from "./tuak";
export { FIPS186_XKEY_SIZE, fips186Prf } from "./fips186-prf";
export { hmacOnce } from "./hmac-once";
export { TDES_DESCRIPTOR_SIZE, tdesDecryptCbcMany } from "./tdes-cbc";
export { challenge } from "./milenage";
export { AKAV2_PASSWORD_LENGTH, digestResponse } from "./digest-response";
export { TUAK_CHALLENGE_SIZE, tuakChallenge } from "./tuak";
export { GCM_MANY_DESCRIPTOR_SIZE, gcmSealMany, gcmOpenMany } from "./gcm-many";
export { GHASH_TABLE_SIZE, ghashTable, ghashUpdate } from "./ghash";
