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
