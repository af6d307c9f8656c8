// Protected packets handed out as views of a shared 64 KiB block, as Node.js hands out small
// Buffers from its pool: in V8 a Uint8Array of more than 64 bytes gets a backing store of its own,
// which costs several times what the ESP work on a small packet does. Packets are ciphertext (public
// data, headers and ICVs too with NULL encryption, bound for the wire anyway); a packet keeps its
// whole block alive while it lives, so copy it (slice()) to keep it long. A caller that transfers a
// packet's buffer (postMessage) detaches the block: the next packet then starts a new one.

const SLAB_BYTES = 65536;

let slab = new Uint8Array(SLAB_BYTES);
let used = 0;

/** A copy of `source`, as a view of the shared block (a fresh array if it is large). */
export function slabCopy(source: Uint8Array): Uint8Array {
  const length = source.length;
  if (length > SLAB_BYTES / 8) return source.slice();
  if (used + length > SLAB_BYTES || slab.byteLength === 0) {
    slab = new Uint8Array(SLAB_BYTES);
    used = 0;
  }
  const view = slab.subarray(used, used + length);
  // Keep views 8-byte aligned, as a fresh array would be.
  used = (used + length + 7) & ~7;
  view.set(source);
  return view;
}

/**
 * Copies of `count` packets lying back to back in `source` from `from` (packet i has lengths[i]
 * bytes), as views of the shared block: as many packets as fit in the block's room are copied with
 * one set(). Why: a batch copied into one array of its own (hundreds of KB) is slower than the ESP
 * work itself, since arrays that large are fresh memory from the system, page by page, each time.
 */
export function slabCopyRun(source: Uint8Array, from: number, lengths: ArrayLike<number>, count: number): Uint8Array[] {
  const out: Uint8Array[] = new Array(count);
  for (let i = 0; i < count;) {
    const length = lengths[i]!;
    if (length > SLAB_BYTES / 8) {
      out[i++] = source.slice(from, from + length);
      from += length;
      continue;
    }
    if (used + length > SLAB_BYTES || slab.byteLength === 0) {
      slab = new Uint8Array(SLAB_BYTES);
      used = 0;
    }
    // The packets from i on that fit the room left, copied at once.
    let end = i, bytes = 0;
    while (end < count && lengths[end]! <= SLAB_BYTES / 8 && used + bytes + lengths[end]! <= SLAB_BYTES) bytes += lengths[end++]!;
    slab.set(source.subarray(from, from + bytes), used);
    for (let at = used; i < end; i++) {
      out[i] = slab.subarray(at, at + lengths[i]!);
      at += lengths[i]!;
    }
    from += bytes;
    used = (used + bytes + 7) & ~7;
  }
  return out;
}

/**
 * Copies of `count` pieces of `source` (piece i: lengths[i] bytes at addresses[i]) as views of
 * blocks of at most SLAB_BYTES made for this call alone (for plaintexts, which must not share a
 * block with anyone else's), each block no larger than what is left to copy.
 */
export function blockCopies(source: Uint8Array, addresses: ArrayLike<number>, lengths: ArrayLike<number>, count: number): Uint8Array[] {
  const out: Uint8Array[] = new Array(count);
  let left = 0;
  for (let i = 0; i < count; i++) left += lengths[i]!;
  let block = new Uint8Array(0), at = 0;
  for (let i = 0; i < count; i++) {
    const address = addresses[i]!, length = lengths[i]!;
    if (at + length > block.length) {
      block = new Uint8Array(Math.max(length, Math.min(SLAB_BYTES, left)));
      at = 0;
    }
    block.set(source.subarray(address, address + length), at);
    out[i] = block.subarray(at, at + length);
    at += length;
    left -= length;
  }
  return out;
}
