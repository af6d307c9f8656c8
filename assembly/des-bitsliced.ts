// Bitsliced DES and TDEA (FIPS 46-3, NIST SP 800-67) over WebAssembly SIMD: 128 blocks per pass.
//
// Why bitsliced: the S-boxes become Boolean circuits, so no table is indexed with secret data and no
// branch depends on it, and one pass of v128 logic computes 128 independent blocks. That suits every
// job with many blocks that do not depend on each other: CBC decryption of any message, and CBC
// encryption of many messages at once (one message per lane). A single serial chain goes to the
// one-block engine of assembly/des.ts instead, since a pass costs the same for 1 lane as for 128.
//
// The S-box circuits are the gate lists of Roman Rusakov for John the Ripper (AND, OR, XOR, NOT and
// AND-NOT; 44.1 gates on average; published as mathematical formulas free for reuse), transcribed
// and checked against the S-box tables of FIPS 46-3 on all 64 inputs. Variable names are the truth
// tables Rusakov gives them. Inputs a1..a6 are the S-box input bits b1..b6; outputs 1..4 the bits
// from the left.
//
// Memory formats:
//   blocks:     128 x 8 bytes, block l (lane l) at offset 8 l.
//   planes:     64 x 16 bytes, one per bit of a block (or key): the plane of FIPS bit b (1..64) at
//               128 ((b - 1) >> 3) + 16 (7 - ((b - 1) & 7)); lane l = 16 g + p is bit g of byte p.
//   key planes: KEY_PLANES_SIZE bytes: the 64-plane images of K1, K2 and K3, in that order.
//   state:      the 32 planes of L (L1 first), then the 32 of R: IP is only a choice of planes.

import { transpose8 } from './aes';
import { P, PC1, PC2, SHIFTS } from './des';

/** Lanes of one pass. */
export const LANES: usize = 128;

/** Bytes of the key planes of a TDEA key bundle. */
export const KEY_PLANES_SIZE: usize = 3 * 64 * 16;

/** Initial permutation IP (FIPS 46-3): L1..L32, R1..R32 are input bits IP[0] .. IP[63]. */
const IP: StaticArray<u8> = [
  58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
  62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
  57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
  61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
];

/** Where the plane of FIPS bit `bit` (1..64) of a block or key lies after blocksToPlanes(). */
// @ts-ignore: decorator
@inline function planeOffset(bit: i32): usize {
  const b = bit - 1;
  return (<usize>(b >> 3) << 7) + (<usize>(7 - (b & 7)) << 4);
}

// @ts-ignore: decorator
@inline function xor(a: v128, b: v128): v128 { return v128.xor(a, b); }
// @ts-ignore: decorator
@inline function and(a: v128, b: v128): v128 { return v128.and(a, b); }
// @ts-ignore: decorator
@inline function or(a: v128, b: v128): v128 { return v128.or(a, b); }
// @ts-ignore: decorator
@inline function andnot(a: v128, b: v128): v128 { return v128.andnot(a, b); }
// @ts-ignore: decorator
@inline function xorInto(base: usize, offset: usize, x: v128): void {
  v128.store(base + offset, v128.xor(v128.load(base + offset), x));
}

/** S1 of FIPS 46-3 as 49 gates; XORs output bits 1..4 into the planes at out + o1 .. out + o4. */
// @ts-ignore: decorator
@inline function s1(
  a1: v128, a2: v128, a3: v128, a4: v128, a5: v128, a6: v128,
  out: usize, o1: usize, o2: usize, o3: usize, o4: usize,
): void {
  const x55005500 = andnot(a1, a5);
  const x5A0F5A0F = xor(a4, x55005500);
  const x3333FFFF = or(a3, a6);
  const x66666666 = xor(a1, a3);
  const x22226666 = and(x3333FFFF, x66666666);
  const x2D2D6969 = xor(a4, x22226666);
  const x25202160 = andnot(x2D2D6969, x5A0F5A0F);
  const x00FFFF00 = xor(a5, a6);
  const x33CCCC33 = xor(a3, x00FFFF00);
  const x4803120C = andnot(x5A0F5A0F, x33CCCC33);
  const x2222FFFF = or(a6, x22226666);
  const x6A21EDF3 = xor(x4803120C, x2222FFFF);
  const x4A01CC93 = andnot(x6A21EDF3, x25202160);
  const x5555FFFF = or(a1, a6);
  const x7F75FFFF = or(x6A21EDF3, x5555FFFF);
  const x00D20096 = andnot(a5, x2D2D6969);
  const x7FA7FF69 = xor(x7F75FFFF, x00D20096);
  const x0A0A0000 = andnot(a4, x5555FFFF);
  const x0AD80096 = xor(x00D20096, x0A0A0000);
  const x00999900 = andnot(x00FFFF00, x66666666);
  const x0AD99996 = or(x0AD80096, x00999900);
  const x22332233 = andnot(a3, x55005500);
  const x257AA5F0 = xor(x5A0F5A0F, x7F75FFFF);
  const x054885C0 = andnot(x257AA5F0, x22332233);
  const xFAB77A3F = v128.not(x054885C0);
  const x2221EDF3 = and(x3333FFFF, x6A21EDF3);
  const xD89697CC = xor(xFAB77A3F, x2221EDF3);
  const x20 = andnot(x7FA7FF69, a2);
  const x21 = xor(x20, xD89697CC);
  xorInto(out, o3, x21);
  const x05B77AC0 = xor(x00FFFF00, x054885C0);
  const x05F77AD6 = or(x00D20096, x05B77AC0);
  const x36C48529 = xor(x3333FFFF, x05F77AD6);
  const x6391D07C = xor(a1, x36C48529);
  const xBB0747B0 = xor(xD89697CC, x6391D07C);
  const x00 = or(x25202160, a2);
  const x01 = xor(x00, xBB0747B0);
  xorInto(out, o1, x01);
  const x4C460000 = xor(x3333FFFF, x7F75FFFF);
  const x4EDF9996 = or(x0AD99996, x4C460000);
  const x2D4E49EA = xor(x6391D07C, x4EDF9996);
  const xBBFFFFB0 = or(x00FFFF00, xBB0747B0);
  const x96B1B65A = xor(x2D4E49EA, xBBFFFFB0);
  const x10 = or(x4A01CC93, a2);
  const x11 = xor(x10, x96B1B65A);
  xorInto(out, o2, x11);
  const x5AFF5AFF = or(a5, x5A0F5A0F);
  const x52B11215 = andnot(x5AFF5AFF, x2D4E49EA);
  const x4201C010 = and(x4A01CC93, x6391D07C);
  const x10B0D205 = xor(x52B11215, x4201C010);
  const x30 = or(x10B0D205, a2);
  const x31 = xor(x30, x0AD99996);
  xorInto(out, o4, x31);
}

/** S2 of FIPS 46-3 as 44 gates; XORs output bits 1..4 into the planes at out + o1 .. out + o4. */
// @ts-ignore: decorator
@inline function s2(
  a1: v128, a2: v128, a3: v128, a4: v128, a5: v128, a6: v128,
  out: usize, o1: usize, o2: usize, o3: usize, o4: usize,
): void {
  const x33CC33CC = xor(a2, a5);
  const x55550000 = andnot(a1, a6);
  const x00AA00FF = andnot(a5, x55550000);
  const x33BB33FF = or(a2, x00AA00FF);
  const x33CC0000 = andnot(x33CC33CC, a6);
  const x11441144 = and(a1, x33CC33CC);
  const x11BB11BB = xor(a5, x11441144);
  const x003311BB = andnot(x11BB11BB, x33CC0000);
  const x00000F0F = and(a3, a6);
  const x336600FF = xor(x00AA00FF, x33CC0000);
  const x332200FF = and(x33BB33FF, x336600FF);
  const x332200F0 = andnot(x332200FF, x00000F0F);
  const x0302000F = and(a3, x332200FF);
  const xAAAAAAAA = v128.not(a1);
  const xA9A8AAA5 = xor(x0302000F, xAAAAAAAA);
  const x33CCCC33 = xor(a6, x33CC33CC);
  const x33CCC030 = andnot(x33CCCC33, x00000F0F);
  const x9A646A95 = xor(xA9A8AAA5, x33CCC030);
  const x10 = andnot(a4, x332200F0);
  const x11 = xor(x10, x9A646A95);
  xorInto(out, o2, x11);
  const x00333303 = andnot(a2, x33CCC030);
  const x118822B8 = xor(x11BB11BB, x00333303);
  const xA8208805 = andnot(xA9A8AAA5, x118822B8);
  const x3CC3C33C = xor(a3, x33CCCC33);
  const x94E34B39 = xor(xA8208805, x3CC3C33C);
  const x00 = andnot(x33BB33FF, a4);
  const x01 = xor(x00, x94E34B39);
  xorInto(out, o1, x01);
  const x0331330C = xor(x0302000F, x00333303);
  const x3FF3F33C = or(x3CC3C33C, x0331330C);
  const xA9DF596A = xor(x33BB33FF, x9A646A95);
  const xA9DF5F6F = or(x00000F0F, xA9DF596A);
  const x962CAC53 = xor(x3FF3F33C, xA9DF5F6F);
  const x0A042084 = andnot(x9A646A95, x94E34B39);
  const x12752248 = xor(x11441144, x0331330C);
  const x1A7522CC = or(x0A042084, x12752248);
  const x00301083 = andnot(x003311BB, x3CC3C33C);
  const x1A45324F = xor(x1A7522CC, x00301083);
  const x20 = or(x1A45324F, a4);
  const x21 = xor(x20, x962CAC53);
  xorInto(out, o3, x21);
  const x0A451047 = andnot(x1A45324F, x118822B8);
  const xBBDFDD7B = or(x33CCCC33, xA9DF596A);
  const xB19ACD3C = xor(x0A451047, xBBDFDD7B);
  const x30 = or(x003311BB, a4);
  const x31 = xor(x30, xB19ACD3C);
  xorInto(out, o4, x31);
}

/** S3 of FIPS 46-3 as 46 gates; XORs output bits 1..4 into the planes at out + o1 .. out + o4. */
// @ts-ignore: decorator
@inline function s3(
  a1: v128, a2: v128, a3: v128, a4: v128, a5: v128, a6: v128,
  out: usize, o1: usize, o2: usize, o3: usize, o4: usize,
): void {
  const x44444444 = andnot(a1, a2);
  const x0F0FF0F0 = xor(a3, a6);
  const x4F4FF4F4 = or(x44444444, x0F0FF0F0);
  const x00FFFF00 = xor(a4, a6);
  const x00AAAA00 = andnot(x00FFFF00, a1);
  const x4FE55EF4 = xor(x4F4FF4F4, x00AAAA00);
  const x3C3CC3C3 = xor(a2, x0F0FF0F0);
  const x3C3C0000 = andnot(x3C3CC3C3, a6);
  const x7373F4F4 = xor(x4F4FF4F4, x3C3C0000);
  const x0C840A00 = andnot(x4FE55EF4, x7373F4F4);
  const x00005EF4 = and(a6, x4FE55EF4);
  const x00FF5EFF = or(a4, x00005EF4);
  const x00555455 = and(a1, x00FF5EFF);
  const x3C699796 = xor(x3C3CC3C3, x00555455);
  const x30 = andnot(x4FE55EF4, a5);
  const x31 = xor(x30, x3C699796);
  xorInto(out, o4, x31);
  const x000FF000 = and(x0F0FF0F0, x00FFFF00);
  const x55AA55AA = xor(a1, a4);
  const x26D9A15E = xor(x7373F4F4, x55AA55AA);
  const x2FDFAF5F = or(a3, x26D9A15E);
  const x2FD00F5F = andnot(x2FDFAF5F, x000FF000);
  const x55AAFFAA = or(x00AAAA00, x55AA55AA);
  const x28410014 = andnot(x3C699796, x55AAFFAA);
  const x000000FF = and(a4, a6);
  const x000000CC = andnot(x000000FF, a2);
  const x284100D8 = xor(x28410014, x000000CC);
  const x204000D0 = andnot(x284100D8, a3);
  const x3C3CC3FF = or(x3C3CC3C3, x000000FF);
  const x1C3CC32F = andnot(x3C3CC3FF, x204000D0);
  const x4969967A = xor(a1, x1C3CC32F);
  const x10 = and(x2FD00F5F, a5);
  const x11 = xor(x10, x4969967A);
  xorInto(out, o2, x11);
  const x4CC44CC4 = andnot(x4FE55EF4, a2);
  const x40C040C0 = andnot(x4CC44CC4, a3);
  const x69963C69 = xor(x3C3CC3C3, x55AAFFAA);
  const x9669C396 = v128.not(x69963C69);
  const xD6A98356 = xor(x40C040C0, x9669C396);
  const x00 = andnot(a5, x0C840A00);
  const x01 = xor(x00, xD6A98356);
  xorInto(out, o1, x01);
  const x000F00F0 = and(a4, x0F0FF0F0);
  const xFEBDC3D7 = or(x3C3CC3C3, xD6A98356);
  const xFEB0C307 = andnot(xFEBDC3D7, x000F00F0);
  const x4CEEEEC4 = or(x00AAAA00, x4CC44CC4);
  const xB25E2DC3 = xor(xFEB0C307, x4CEEEEC4);
  const x20 = or(x284100D8, a5);
  const x21 = xor(x20, xB25E2DC3);
  xorInto(out, o3, x21);
}

/** S4 of FIPS 46-3 as 33 gates; XORs output bits 1..4 into the planes at out + o1 .. out + o4. */
// @ts-ignore: decorator
@inline function s4(
  a1: v128, a2: v128, a3: v128, a4: v128, a5: v128, a6: v128,
  out: usize, o1: usize, o2: usize, o3: usize, o4: usize,
): void {
  const x5A5A5A5A = xor(a1, a3);
  const x0F0FF0F0 = xor(a3, a5);
  const x33FF33FF = or(a2, a4);
  const x33FFCC00 = xor(a5, x33FF33FF);
  const x0C0030F0 = andnot(x0F0FF0F0, x33FFCC00);
  const x0C0CC0C0 = andnot(x0F0FF0F0, a2);
  const x0CF3C03F = xor(a4, x0C0CC0C0);
  const x5EFBDA7F = or(x5A5A5A5A, x0CF3C03F);
  const x52FBCA0F = andnot(x5EFBDA7F, x0C0030F0);
  const x61C8F93C = xor(a2, x52FBCA0F);
  const x00C0C03C = and(x0CF3C03F, x61C8F93C);
  const x0F0F30C0 = andnot(x0F0FF0F0, x00C0C03C);
  const x3B92A366 = xor(x5A5A5A5A, x61C8F93C);
  const x30908326 = andnot(x3B92A366, x0F0F30C0);
  const x3C90B3D6 = xor(x0C0030F0, x30908326);
  const x33CC33CC = xor(a2, a4);
  const x0C0CFFFF = or(a5, x0C0CC0C0);
  const x379E5C99 = xor(x3B92A366, x0C0CFFFF);
  const x04124C11 = andnot(x379E5C99, x33CC33CC);
  const x56E9861E = xor(x52FBCA0F, x04124C11);
  const x00 = andnot(a6, x3C90B3D6);
  const x01 = xor(x00, x56E9861E);
  xorInto(out, o1, x01);
  const xA91679E1 = v128.not(x56E9861E);
  const x10 = andnot(x3C90B3D6, a6);
  const x11 = xor(x10, xA91679E1);
  xorInto(out, o2, x11);
  const x9586CA37 = xor(x3C90B3D6, xA91679E1);
  const x8402C833 = andnot(x9586CA37, x33CC33CC);
  const x84C2C83F = or(x00C0C03C, x8402C833);
  const xB35C94A6 = xor(x379E5C99, x84C2C83F);
  const x20 = or(x61C8F93C, a6);
  const x21 = xor(x20, xB35C94A6);
  xorInto(out, o3, x21);
  const x30 = and(a6, x61C8F93C);
  const x31 = xor(x30, xB35C94A6);
  xorInto(out, o4, x31);
}

/** S5 of FIPS 46-3 as 48 gates; XORs output bits 1..4 into the planes at out + o1 .. out + o4. */
// @ts-ignore: decorator
@inline function s5(
  a1: v128, a2: v128, a3: v128, a4: v128, a5: v128, a6: v128,
  out: usize, o1: usize, o2: usize, o3: usize, o4: usize,
): void {
  const x77777777 = or(a1, a3);
  const x77770000 = andnot(x77777777, a6);
  const x22225555 = xor(a1, x77770000);
  const x11116666 = xor(a3, x22225555);
  const x1F1F6F6F = or(a4, x11116666);
  const x70700000 = andnot(x77770000, a4);
  const x43433333 = xor(a3, x70700000);
  const x00430033 = and(a5, x43433333);
  const x55557777 = or(a1, x11116666);
  const x55167744 = xor(x00430033, x55557777);
  const x5A19784B = xor(a4, x55167744);
  const x5A1987B4 = xor(a6, x5A19784B);
  const x7A3BD7F5 = or(x22225555, x5A1987B4);
  const x003B00F5 = and(a5, x7A3BD7F5);
  const x221955A0 = xor(x22225555, x003B00F5);
  const x05050707 = and(a4, x55557777);
  const x271C52A7 = xor(x221955A0, x05050707);
  const x2A2A82A0 = andnot(x7A3BD7F5, a1);
  const x6969B193 = xor(x43433333, x2A2A82A0);
  const x1FE06F90 = xor(a5, x1F1F6F6F);
  const x16804E00 = andnot(x1FE06F90, x6969B193);
  const xE97FB1FF = v128.not(x16804E00);
  const x20 = andnot(xE97FB1FF, a2);
  const x21 = xor(x20, x5A19784B);
  xorInto(out, o3, x21);
  const x43403302 = andnot(x43433333, x003B00F5);
  const x35CAED30 = xor(x2A2A82A0, x1FE06F90);
  const x37DEFFB7 = or(x271C52A7, x35CAED30);
  const x349ECCB5 = andnot(x37DEFFB7, x43403302);
  const x0B01234A = andnot(x1F1F6F6F, x349ECCB5);
  const x101884B4 = and(x5A1987B4, x349ECCB5);
  const x0FF8EB24 = xor(x1FE06F90, x101884B4);
  const x41413333 = and(x43433333, x55557777);
  const x4FF9FB37 = or(x0FF8EB24, x41413333);
  const x4FC2FBC2 = xor(x003B00F5, x4FF9FB37);
  const x30 = and(x4FC2FBC2, a2);
  const x31 = xor(x30, x271C52A7);
  xorInto(out, o4, x31);
  const x22222222 = xor(a1, x77777777);
  const x16BCEE97 = xor(x349ECCB5, x22222222);
  const x0F080B04 = and(a4, x0FF8EB24);
  const x19B4E593 = xor(x16BCEE97, x0F080B04);
  const x00 = or(x0B01234A, a2);
  const x01 = xor(x00, x19B4E593);
  xorInto(out, o1, x01);
  const x5C5C5C5C = xor(x1F1F6F6F, x43433333);
  const x4448184C = andnot(x5C5C5C5C, x19B4E593);
  const x2DDABE71 = xor(x22225555, x0FF8EB24);
  const x6992A63D = xor(x4448184C, x2DDABE71);
  const x10 = and(x1F1F6F6F, a2);
  const x11 = xor(x10, x6992A63D);
  xorInto(out, o2, x11);
}

/** S6 of FIPS 46-3 as 46 gates; XORs output bits 1..4 into the planes at out + o1 .. out + o4. */
// @ts-ignore: decorator
@inline function s6(
  a1: v128, a2: v128, a3: v128, a4: v128, a5: v128, a6: v128,
  out: usize, o1: usize, o2: usize, o3: usize, o4: usize,
): void {
  const x33CC33CC = xor(a2, a5);
  const x3333FFFF = or(a2, a6);
  const x11115555 = and(a1, x3333FFFF);
  const x22DD6699 = xor(x33CC33CC, x11115555);
  const x22DD9966 = xor(a6, x22DD6699);
  const x00220099 = andnot(a5, x22DD9966);
  const x00551144 = and(a1, x22DD9966);
  const x33662277 = xor(a2, x00551144);
  const x5A5A5A5A = xor(a1, a3);
  const x7B7E7A7F = or(x33662277, x5A5A5A5A);
  const x59A31CE6 = xor(x22DD6699, x7B7E7A7F);
  const x09030C06 = and(a3, x59A31CE6);
  const x09030000 = andnot(x09030C06, a6);
  const x336622FF = or(x00220099, x33662277);
  const x3A6522FF = xor(x09030000, x336622FF);
  const x30 = and(x3A6522FF, a4);
  const x31 = xor(x30, x59A31CE6);
  xorInto(out, o4, x31);
  const x484D494C = xor(a2, x7B7E7A7F);
  const x0000B6B3 = andnot(a6, x484D494C);
  const x0F0FB9BC = xor(a3, x0000B6B3);
  const x00FC00F9 = andnot(a5, x09030C06);
  const x0FFFB9FD = or(x0F0FB9BC, x00FC00F9);
  const x5DF75DF7 = or(a1, x59A31CE6);
  const x116600F7 = and(x336622FF, x5DF75DF7);
  const x1E69B94B = xor(x0F0FB9BC, x116600F7);
  const x1668B94B = andnot(x1E69B94B, x09030000);
  const x20 = or(x00220099, a4);
  const x21 = xor(x20, x1668B94B);
  xorInto(out, o3, x21);
  const x7B7B7B7B = or(a2, x5A5A5A5A);
  const x411E5984 = xor(x3A6522FF, x7B7B7B7B);
  const x1FFFFDFD = or(x11115555, x0FFFB9FD);
  const x5EE1A479 = xor(x411E5984, x1FFFFDFD);
  const x3CB4DFD2 = xor(x22DD6699, x1E69B94B);
  const x004B002D = andnot(a5, x3CB4DFD2);
  const xB7B2B6B3 = v128.not(x484D494C);
  const xCCC9CDC8 = xor(x7B7B7B7B, xB7B2B6B3);
  const xCC82CDE5 = xor(x004B002D, xCCC9CDC8);
  const x10 = andnot(xCC82CDE5, a4);
  const x11 = xor(x10, x5EE1A479);
  xorInto(out, o2, x11);
  const x0055EEBB = xor(a6, x00551144);
  const x5A5AECE9 = xor(a1, x0F0FB9BC);
  const x0050ECA9 = and(x0055EEBB, x5A5AECE9);
  const xC5CAC1CE = xor(x09030C06, xCCC9CDC8);
  const xC59A2D67 = xor(x0050ECA9, xC5CAC1CE);
  const x00 = andnot(x0FFFB9FD, a4);
  const x01 = xor(x00, xC59A2D67);
  xorInto(out, o1, x01);
}

/** S7 of FIPS 46-3 as 46 gates; XORs output bits 1..4 into the planes at out + o1 .. out + o4. */
// @ts-ignore: decorator
@inline function s7(
  a1: v128, a2: v128, a3: v128, a4: v128, a5: v128, a6: v128,
  out: usize, o1: usize, o2: usize, o3: usize, o4: usize,
): void {
  const x0FF00FF0 = xor(a4, a5);
  const x3CC33CC3 = xor(a3, x0FF00FF0);
  const x00003CC3 = and(a6, x3CC33CC3);
  const x0F000F00 = and(a4, x0FF00FF0);
  const x5A555A55 = xor(a2, x0F000F00);
  const x00001841 = and(x00003CC3, x5A555A55);
  const x00000F00 = and(a6, x0F000F00);
  const x33333C33 = xor(a3, x00000F00);
  const x7B777E77 = or(x5A555A55, x33333C33);
  const x0FF0F00F = xor(a6, x0FF00FF0);
  const x74878E78 = xor(x7B777E77, x0FF0F00F);
  const x30 = andnot(a1, x00001841);
  const x31 = xor(x30, x74878E78);
  xorInto(out, o4, x31);
  const x003C003C = andnot(a5, x3CC33CC3);
  const x5A7D5A7D = or(x5A555A55, x003C003C);
  const x333300F0 = xor(x00003CC3, x33333C33);
  const x694E5A8D = xor(x5A7D5A7D, x333300F0);
  const x0FF0CCCC = xor(x00003CC3, x0FF0F00F);
  const x000F0303 = andnot(a4, x0FF0CCCC);
  const x5A505854 = andnot(x5A555A55, x000F0303);
  const x33CC000F = xor(a5, x333300F0);
  const x699C585B = xor(x5A505854, x33CC000F);
  const x7F878F78 = or(x0F000F00, x74878E78);
  const x21101013 = and(a3, x699C585B);
  const x7F979F7B = or(x7F878F78, x21101013);
  const x30030CC0 = andnot(x3CC33CC3, x0FF0F00F);
  const x4F9493BB = xor(x7F979F7B, x30030CC0);
  const x00 = andnot(x4F9493BB, a1);
  const x01 = xor(x00, x694E5A8D);
  xorInto(out, o1, x01);
  const x6F9CDBFB = or(x699C585B, x4F9493BB);
  const x0000DBFB = and(a6, x6F9CDBFB);
  const x00005151 = and(a2, x0000DBFB);
  const x26DAC936 = xor(x694E5A8D, x4F9493BB);
  const x26DA9867 = xor(x00005151, x26DAC936);
  const x21FF10FF = or(a5, x21101013);
  const x21FFCB04 = xor(x0000DBFB, x21FF10FF);
  const x2625C9C9 = xor(a5, x26DAC936);
  const x27FFCBCD = or(x21FFCB04, x2625C9C9);
  const x20 = and(x27FFCBCD, a1);
  const x21 = xor(x20, x699C585B);
  xorInto(out, o3, x21);
  const x27FF1036 = xor(x0000DBFB, x27FFCBCD);
  const x27FF103E = or(x003C003C, x27FF1036);
  const xB06B6C44 = v128.not(x4F9493BB);
  const x97947C7A = xor(x27FF103E, xB06B6C44);
  const x10 = andnot(x97947C7A, a1);
  const x11 = xor(x10, x26DA9867);
  xorInto(out, o2, x11);
}

/** S8 of FIPS 46-3 as 41 gates; XORs output bits 1..4 into the planes at out + o1 .. out + o4. */
// @ts-ignore: decorator
@inline function s8(
  a1: v128, a2: v128, a3: v128, a4: v128, a5: v128, a6: v128,
  out: usize, o1: usize, o2: usize, o3: usize, o4: usize,
): void {
  const x0C0C0C0C = andnot(a3, a2);
  const x0000F0F0 = andnot(a5, a3);
  const x00FFF00F = xor(a4, x0000F0F0);
  const x00555005 = and(a1, x00FFF00F);
  const x00515001 = andnot(x00555005, x0C0C0C0C);
  const x33000330 = andnot(a2, x00FFF00F);
  const x77555775 = or(a1, x33000330);
  const x30303030 = andnot(a2, a3);
  const x3030CFCF = xor(a5, x30303030);
  const x30104745 = and(x77555775, x3030CFCF);
  const x30555745 = or(x00555005, x30104745);
  const xFF000FF0 = v128.not(x00FFF00F);
  const xCF1048B5 = xor(x30104745, xFF000FF0);
  const x080A080A = andnot(a3, x77555775);
  const xC71A40BF = xor(xCF1048B5, x080A080A);
  const xCB164CB3 = xor(x0C0C0C0C, xC71A40BF);
  const x10 = or(x00515001, a6);
  const x11 = xor(x10, xCB164CB3);
  xorInto(out, o2, x11);
  const x9E4319E6 = xor(a1, xCB164CB3);
  const x000019E6 = and(a5, x9E4319E6);
  const xF429738C = xor(a2, xC71A40BF);
  const xF4296A6A = xor(x000019E6, xF429738C);
  const xC729695A = xor(x33000330, xF4296A6A);
  const xC47C3D2F = xor(x30555745, xF4296A6A);
  const xF77F3F3F = or(a2, xC47C3D2F);
  const x9E43E619 = xor(a5, x9E4319E6);
  const x693CD926 = xor(xF77F3F3F, x9E43E619);
  const x20 = and(x30555745, a6);
  const x21 = xor(x20, x693CD926);
  xorInto(out, o3, x21);
  const xF719A695 = xor(x3030CFCF, xC729695A);
  const xF4FF73FF = or(a4, xF429738C);
  const x03E6D56A = xor(xF719A695, xF4FF73FF);
  const x56B3803F = xor(a1, x03E6D56A);
  const x30 = and(x56B3803F, a6);
  const x31 = xor(x30, xC729695A);
  xorInto(out, o4, x31);
  const xF700A600 = andnot(xF719A695, a4);
  const x61008000 = and(x693CD926, xF700A600);
  const x03B7856B = xor(x00515001, x03E6D56A);
  const x62B7056B = xor(x61008000, x03B7856B);
  const x00 = or(x62B7056B, a6);
  const x01 = xor(x00, xC729695A);
  xorInto(out, o1, x01);
}

// For round r (0..15) and bit j (0..47) of its round key, the offset of the key plane that supplies
// it: the key schedule (PC-1, rotations, PC-2) is a fixed choice of key bits, hence of planes.
const KEY_OFFSETS = memory.data(16 * 48 * 2, 16);

function buildKeyOffsets(): void {
  // C || D as the key bits they hold, rotated as FIPS 46-3 "Key Schedule Calculation" says.
  const cd = new StaticArray<u8>(56);
  for (let i = 0; i < 56; i++) cd[i] = PC1[i];
  for (let round = 0; round < 16; round++) {
    for (let n = 0; n < <i32>SHIFTS[round]; n++) {
      const c0 = cd[0], d0 = cd[28];
      for (let i = 0; i < 27; i++) { cd[i] = cd[i + 1]; cd[28 + i] = cd[29 + i]; }
      cd[27] = c0; cd[55] = d0;
    }
    for (let j = 0; j < 48; j++) {
      store<u16>(KEY_OFFSETS + (<usize>(round * 48 + j) << 1), <u16>planeOffset(cd[<i32>PC2[j] - 1]));
    }
  }
}
buildKeyOffsets();

/** Input j of the S-boxes: bit `bit` (0-based) of the half at `src`, XOR round-key bit j. */
// @ts-ignore: decorator
@inline function input(src: usize, bit: usize, keys: usize, bits: usize, j: usize): v128 {
  return v128.xor(v128.load(src + (bit << 4)), v128.load(keys + <usize>load<u16>(bits + (j << 1))));
}

/**
 * One round of FIPS 46-3 on the half-state planes: dst ^= f(src, K) with K the round key `round`
 * (0..15) of the key planes at `keys`. E is the choice of src planes (S-box s reads bits 4s - 1 ..
 * 4s + 4 of R, cyclically) and P the choice of dst planes.
 */
function halfRound(src: usize, dst: usize, keys: usize, round: usize): void {
  const bits = KEY_OFFSETS + round * 96;
  s1(
    input(src, 31, keys, bits, 0), input(src, 0, keys, bits, 1), input(src, 1, keys, bits, 2),
    input(src, 2, keys, bits, 3), input(src, 3, keys, bits, 4), input(src, 4, keys, bits, 5),
    dst, 128, 256, 352, 480,
  );
  s2(
    input(src, 3, keys, bits, 6), input(src, 4, keys, bits, 7), input(src, 5, keys, bits, 8),
    input(src, 6, keys, bits, 9), input(src, 7, keys, bits, 10), input(src, 8, keys, bits, 11),
    dst, 192, 432, 16, 272,
  );
  s3(
    input(src, 7, keys, bits, 12), input(src, 8, keys, bits, 13), input(src, 9, keys, bits, 14),
    input(src, 10, keys, bits, 15), input(src, 11, keys, bits, 16), input(src, 12, keys, bits, 17),
    dst, 368, 240, 464, 80,
  );
  s4(
    input(src, 11, keys, bits, 18), input(src, 12, keys, bits, 19), input(src, 13, keys, bits, 20),
    input(src, 14, keys, bits, 21), input(src, 15, keys, bits, 22), input(src, 16, keys, bits, 23),
    dst, 400, 304, 144, 0,
  );
  s5(
    input(src, 15, keys, bits, 24), input(src, 16, keys, bits, 25), input(src, 17, keys, bits, 26),
    input(src, 18, keys, bits, 27), input(src, 19, keys, bits, 28), input(src, 20, keys, bits, 29),
    dst, 112, 208, 384, 32,
  );
  s6(
    input(src, 19, keys, bits, 30), input(src, 20, keys, bits, 31), input(src, 21, keys, bits, 32),
    input(src, 22, keys, bits, 33), input(src, 23, keys, bits, 34), input(src, 24, keys, bits, 35),
    dst, 48, 448, 160, 288,
  );
  s7(
    input(src, 23, keys, bits, 36), input(src, 24, keys, bits, 37), input(src, 25, keys, bits, 38),
    input(src, 26, keys, bits, 39), input(src, 27, keys, bits, 40), input(src, 28, keys, bits, 41),
    dst, 496, 176, 336, 96,
  );
  s8(
    input(src, 27, keys, bits, 42), input(src, 28, keys, bits, 43), input(src, 29, keys, bits, 44),
    input(src, 30, keys, bits, 45), input(src, 31, keys, bits, 46), input(src, 0, keys, bits, 47),
    dst, 64, 416, 224, 320,
  );
}

// Scratch of the transposes: 4 x 32 bytes each. Callers wipe it (wipeTransposeScratch), as it holds
// bits of keys or data.
const rows = memory.data(128, 16);
const pairs = memory.data(128, 16);

function wipeTransposeScratch(): void {
  memory.fill(rows, 0, 128);
  memory.fill(pairs, 0, 128);
}

/**
 * Turns 128 blocks into 64 planes (see the memory formats above): first a byte transpose, so that
 * byte i of 16 blocks share one vector (three rounds of byte shuffles per 16 blocks), then for each
 * byte i an 8 x 8 bit transpose across the 8 groups of 16 lanes.
 */
export function blocksToPlanes(blocks: usize, planes: usize): void {
  for (let g: usize = 0; g < 8; g++) {
    const at = blocks + (g << 7);
    for (let q: usize = 0; q < 4; q++) {
      const r0 = v128.load(at + (q << 5)), r1 = v128.load(at + (q << 5), 16);
      v128.store(rows + (q << 5), i8x16.shuffle(r0, r1, 0, 8, 16, 24, 1, 9, 17, 25, 2, 10, 18, 26, 3, 11, 19, 27));
      v128.store(rows + (q << 5), i8x16.shuffle(r0, r1, 4, 12, 20, 28, 5, 13, 21, 29, 6, 14, 22, 30, 7, 15, 23, 31), 16);
    }
    // rows: for q, bytes 0..3 | 4..7 of blocks 4q..4q+3 (4 bytes each); now pair q = 2p, 2p + 1.
    for (let p: usize = 0; p < 2; p++) {
      for (let half: usize = 0; half < 2; half++) {
        const a = v128.load(rows + (p << 6) + (half << 4)), b = v128.load(rows + (p << 6) + 32 + (half << 4));
        v128.store(pairs + (p << 6) + (half << 5), i8x16.shuffle(a, b, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23));
        v128.store(pairs + (p << 6) + (half << 5), i8x16.shuffle(a, b, 8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31), 16);
      }
    }
    // transposed: for p, bytes (0, 1), (2, 3), (4, 5), (6, 7) of blocks 8p..8p+7; now join p = 0, 1.
    for (let pair: usize = 0; pair < 4; pair++) {
      const a = v128.load(pairs + (pair << 4)), b = v128.load(pairs + 64 + (pair << 4));
      const i = pair << 1;
      v128.store(planes + (i << 7) + (g << 4), i8x16.shuffle(a, b, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23));
      v128.store(planes + ((i + 1) << 7) + (g << 4), i8x16.shuffle(a, b, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31));
    }
  }
  // planes + 128 i + 16 g: byte i of the 16 blocks of group g; bit-transpose each i across the groups.
  for (let i: usize = 0; i < 8; i++) transpose8(planes + (i << 7), planes + (i << 7));
}

/** The inverse of blocksToPlanes(), step by step in reverse order; `planes` is used as scratch. */
export function planesToBlocks(planes: usize, blocks: usize): void {
  for (let i: usize = 0; i < 8; i++) transpose8(planes + (i << 7), planes + (i << 7));
  for (let g: usize = 0; g < 8; g++) {
    for (let pair: usize = 0; pair < 4; pair++) {
      const i = pair << 1;
      const a = v128.load(planes + (i << 7) + (g << 4)), b = v128.load(planes + ((i + 1) << 7) + (g << 4));
      v128.store(pairs + (pair << 4), i8x16.shuffle(a, b, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23));
      v128.store(pairs + 64 + (pair << 4), i8x16.shuffle(a, b, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31));
    }
    for (let p: usize = 0; p < 2; p++) {
      for (let half: usize = 0; half < 2; half++) {
        const x = v128.load(pairs + (p << 6) + (half << 5)), y = v128.load(pairs + (p << 6) + (half << 5), 16);
        v128.store(rows + (p << 6) + (half << 4), i8x16.shuffle(x, y, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27));
        v128.store(rows + (p << 6) + 32 + (half << 4), i8x16.shuffle(x, y, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31));
      }
    }
    const at = blocks + (g << 7);
    for (let q: usize = 0; q < 4; q++) {
      const x = v128.load(rows + (q << 5)), y = v128.load(rows + (q << 5), 16);
      v128.store(at + (q << 5), i8x16.shuffle(x, y, 0, 4, 8, 12, 16, 20, 24, 28, 1, 5, 9, 13, 17, 21, 25, 29));
      v128.store(at + (q << 5), i8x16.shuffle(x, y, 2, 6, 10, 14, 18, 22, 26, 30, 3, 7, 11, 15, 19, 23, 27, 31), 16);
    }
  }
}

/**
 * Writes the key planes (KEY_PLANES_SIZE bytes at `planes`) of one key bundle K1 || K2 || K3 (24 bytes
 * at `key`) for all 128 lanes: a plane is all ones where the key bit is set and zero where it is not.
 */
export function keyPlanesOfOneKey(key: usize, planes: usize): void {
  for (let k: usize = 0; k < 3; k++) {
    const bits = bswap<u64>(load<u64>(key + (k << 3)));
    for (let bit = 1; bit <= 64; bit++) {
      const set = <i64>((bits >> <u64>(64 - bit)) & 1);
      v128.store(planes + (k << 10) + planeOffset(bit), i64x2.splat(-set));
    }
  }
}

/**
 * Writes the key planes of 128 key bundles, one per lane: 128 x 24 bytes at `keys`, bundle l at
 * 24 l. `scratch` is 1024 bytes.
 */
export function keyPlanesOfLanes(keys: usize, planes: usize, scratch: usize): void {
  for (let k: usize = 0; k < 3; k++) {
    for (let lane: usize = 0; lane < LANES; lane++) store<u64>(scratch + (lane << 3), load<u64>(keys + lane * 24 + (k << 3)));
    blocksToPlanes(scratch, planes + (k << 10));
  }
  memory.fill(scratch, 0, 1024);
  wipeTransposeScratch();
}

const state = memory.data(1024, 16);
const planes = memory.data(1024, 16);

/**
 * TDEA (SP 800-67 3.1) on the 128 blocks at `blocks`, in place, under the key planes at `keys`:
 * encryption E_K3(D_K2(E_K1(x))) or decryption D_K1(E_K2(D_K3(x))). Between two DES the IP^-1 and IP
 * cancel, and what remains of them is that the next DES starts on the other half: so the order of
 * halves restarts with every DES. Branches depend only on the round.
 */
export function tdeaBitsliced(keys: usize, blocks: usize, decrypt: bool): void {
  const l = state, r = state + 512;
  blocksToPlanes(blocks, planes);
  for (let i = 0; i < 64; i++) v128.store(state + (<usize>i << 4), v128.load(planes + planeOffset(IP[i])));
  for (let stage: usize = 0; stage < 3; stage++) {
    const key = keys + ((decrypt ? 2 - stage : stage) << 10);
    const inverse = (stage == 1) != decrypt; // this DES decrypts: round keys 16..1
    const rFirst: usize = stage == 1 ? 1 : 0;
    for (let i: usize = 0; i < 16; i++) {
      const round: usize = inverse ? 15 - i : i;
      if ((i & 1) == rFirst) halfRound(r, l, key, round);
      else halfRound(l, r, key, round);
    }
  }
  // Preoutput R16 || L16; IP^-1 puts its bit i where IP took input bit IP[i].
  for (let i = 0; i < 64; i++) {
    const from = i < 32 ? r + (<usize>i << 4) : l + (<usize>(i - 32) << 4);
    v128.store(planes + planeOffset(IP[i]), v128.load(from));
  }
  planesToBlocks(planes, blocks);
  memory.fill(state, 0, 1024);
  memory.fill(planes, 0, 1024);
  wipeTransposeScratch();
}
