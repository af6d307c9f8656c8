// Copying and zeroing the small blocks of the hashes (states, 64-byte blocks, message tails) with
// v128 and word loads and stores: for these sizes that is much cheaper than memory.copy and
// memory.fill, which V8 compiles to calls out of the module.

/** Zeroes `size` bytes at `ptr`; `size` is a multiple of 16. */
// @ts-ignore: decorator
@inline export function zero16(ptr: usize, size: usize): void {
  const z = v128.splat<i32>(0);
  for (let i: usize = 0; i < size; i += 16) v128.store(ptr + i, z);
}

/** Copies `size` bytes from `src` to `dst` (not overlapping); `size` is a multiple of 16. */
// @ts-ignore: decorator
@inline export function copy16(dst: usize, src: usize, size: usize): void {
  for (let i: usize = 0; i < size; i += 16) v128.store(dst + i, v128.load(src + i));
}

/** Copies `n` bytes from `src` to `dst` (not overlapping), reading and writing no byte outside them. */
export function copyBytes(dst: usize, src: usize, n: usize): void {
  let i: usize = 0;
  for (; i + 16 <= n; i += 16) v128.store(dst + i, v128.load(src + i));
  if (n - i >= 8) { store<u64>(dst + i, load<u64>(src + i)); i += 8; }
  if (n - i >= 4) { store<u32>(dst + i, load<u32>(src + i)); i += 4; }
  if (n - i >= 2) { store<u16>(dst + i, load<u16>(src + i)); i += 2; }
  if (n - i >= 1) store<u8>(dst + i, load<u8>(src + i));
}
