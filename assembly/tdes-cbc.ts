// TDEA-CBC (RFC 2451, the ESP_3DES transform; NIST SP 800-38A 6.2 over SP 800-67 TDEA): key slots
// and the kernels exported to JavaScript.
//
// Memory format of a key slot (TDES_SLOT_SIZE bytes): the round-key schedule of assembly/des.ts.

import { SCHEDULE_SIZE, decryptCbcSerial, encryptCbcSerial, expandSchedule } from './des';

/** Bytes of a TDEA key slot. */
export const TDES_SLOT_SIZE: usize = SCHEDULE_SIZE;

/** Expands the key bundle K1 || K2 || K3 (24 bytes at `key`, parity bits ignored) into the slot at `slot`. */
export function tdesExpandKey(key: usize, slot: usize): void {
  expandSchedule(key, slot);
}

/** Encrypts `count` 8-byte blocks from `src` to `dst` (which may be `src`) in CBC mode from the IV at `iv`. */
export function tdesEncryptCbc(slot: usize, iv: usize, src: usize, dst: usize, count: usize): void {
  encryptCbcSerial(slot, iv, src, dst, count);
}

/** Decrypts `count` 8-byte blocks from `src` to `dst` (which may be `src`) in CBC mode from the IV at `iv`. */
export function tdesDecryptCbc(slot: usize, iv: usize, src: usize, dst: usize, count: usize): void {
  decryptCbcSerial(slot, iv, src, dst, count);
}
