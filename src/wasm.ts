// Loading the WebAssembly core, in the style of wasm-pack's `web` target: `await init()` once
// (idempotent, safe to call concurrently), or `initSync()` where start-up must be synchronous.
// With no argument the module comes from bytes embedded in the package, so no file or network
// access is needed on Node.js, Deno, Bun or in a browser.

import { WASM_BASE64 } from './generated/wasm-bytes.js';

/** The kernels exported by assembly/index.ts. Offsets and lengths are bytes of linear memory. */
export interface Kernels {
  readonly memory: WebAssembly.Memory;
  alloc(size: number): number;
  release(ptr: number, size: number): void;
  expandKey(key: number, roundKeys: number): void;
  encryptBlocks(roundKeys: number, src: number, dst: number, count: number): void;
  decryptBlocks(roundKeys: number, src: number, dst: number, count: number): void;
  prepareConstants(constants: number): void;
  initSlot(slot: number, k: number, op: number, fromOp: number): void;
  outputs(slot: number, constants: number, record: number, out: number): void;
  vectors(
    ks: number, ops: number, subscriberCount: number, counts: number,
    rands: number, sqns: number, amfs: number, constants: number, fromOp: number, out: number,
  ): void;
  readonly SCHEDULE_SIZE: WebAssembly.Global;
  readonly CONSTANTS_SIZE: WebAssembly.Global;
  readonly SLOT_SIZE: WebAssembly.Global;
  cbcEncrypt(slot: number, iv: number, src: number, dst: number, blocks: number): void;
  cbcDecrypt(slot: number, iv: number, src: number, dst: number, blocks: number): void;
  cbcEncryptMany(slot: number, descriptors: number, count: number): void;
  gcmInit(key: number, slot: number): void;
  gcmSeal(
    slot: number, nonce: number, nonceLength: number, aad: number, aadLength: number,
    src: number, dst: number, length: number, tag: number,
  ): void;
  gcmOpen(
    slot: number, nonce: number, nonceLength: number, aad: number, aadLength: number,
    src: number, dst: number, length: number, tag: number, tagLength: number,
  ): number;
  readonly CBC_DESCRIPTOR_SIZE: WebAssembly.Global;
  readonly GCM_SLOT_SIZE: WebAssembly.Global;
  digest(algorithm: number, message: number, length: number, out: number): void;
  hmacKey(algorithm: number, key: number, keyLength: number, slot: number): void;
  hmacMac(algorithm: number, slot: number, message: number, length: number, out: number, macLength: number): void;
  hmacMany(algorithm: number, slot: number, messages: number, count: number, out: number, macLength: number): void;
  readonly SHA1: WebAssembly.Global;
  readonly MD5: WebAssembly.Global;
  readonly SHA256: WebAssembly.Global;
  readonly HMAC_SLOT_SIZE: WebAssembly.Global;
  readonly TDES_SLOT_SIZE: WebAssembly.Global;
  tdesExpandKey(key: number, slot: number): void;
  tdesEncryptCbc(slot: number, iv: number, src: number, dst: number, count: number): void;
  tdesDecryptCbc(slot: number, iv: number, src: number, dst: number, count: number): void;
  readonly TDES_JOB_SIZE: WebAssembly.Global;
  tdesEncryptCbcMany(jobs: number, count: number): void;
  readonly CBC_SLOT_SIZE: WebAssembly.Global;
  cbcExpandKey(key: number, slot: number): void;
  readonly VPERM_SCHEDULE_SIZE: WebAssembly.Global;
  vpermExpandKey(key: number, schedule: number): void;
  vpermEncryptBlocks(schedule: number, src: number, dst: number, count: number): void;
  readonly KECCAK_STATE_SIZE: WebAssembly.Global;
  keccakF1600(state: number, iterations: number): void;
  keccakF1600x2(first: number, second: number, iterations: number): void;
  readonly TUAK_SLOT_SIZE: WebAssembly.Global;
  readonly TUAK_OUTPUTS_SIZE: WebAssembly.Global;
  readonly TUAK_F1: WebAssembly.Global;
  readonly TUAK_F1_STAR: WebAssembly.Global;
  readonly TUAK_F2345: WebAssembly.Global;
  readonly TUAK_F5_STAR: WebAssembly.Global;
  tuakInit(
    slot: number, k: number, kLength: number, top: number, fromTop: number,
    macLength: number, resLength: number, ckLength: number, ikLength: number, iterations: number,
  ): void;
  tuakOutputs(slot: number, record: number, out: number, functions: number): void;
  readonly FIPS186_XKEY_SIZE: WebAssembly.Global;
  fips186Prf(xkey: number, out: number, outLength: number): void;
  hmacOnce(algorithm: number, key: number, keyLength: number, message: number, length: number, out: number, macLength: number): void;
  cbcDecryptMany(slot: number, descriptors: number, count: number): void;
  readonly TDES_DESCRIPTOR_SIZE: WebAssembly.Global;
  tdesDecryptCbcMany(slot: number, descriptors: number, count: number): void;
  challenge(slot: number, constants: number, record: number, out: number): void;
  readonly AKAV2_PASSWORD_LENGTH: WebAssembly.Global;
  digestResponse(
    algorithm: number, record: number, a1Length: number, a2Length: number, bodyLength: number, kdLength: number,
    authInt: number, akaV2KeyLength: number,
  ): void;
  readonly TUAK_CHALLENGE_SIZE: WebAssembly.Global;
  tuakChallenge(slot: number, record: number, out: number): void;
  readonly GCM_MANY_DESCRIPTOR_SIZE: WebAssembly.Global;
  gcmSealMany(slot: number, descriptors: number, count: number): void;
  gcmOpenMany(slot: number, descriptors: number, count: number, results: number): number;
  readonly GHASH_TABLE_SIZE: WebAssembly.Global;
  ghashTable(h: number, table: number): void;
  ghashUpdate(table: number, y: number, src: number, length: number): void;
}

/** What init() accepts: nothing (the embedded module), a URL, a fetch Response, bytes or a Module. */
export type InitInput =
  | URL
  | string
  | Response
  | PromiseLike<Response>
  | BufferSource
  | WebAssembly.Module;

let kernels: Kernels | undefined;
let loading: Promise<Kernels> | undefined;

function imports(): WebAssembly.Imports {
  return {
    env: {
      // Called by a failed assertion in the debug build; the release build never calls it.
      abort(_message: number, _file: number, line: number, column: number): never {
        throw new Error(`akacore: WebAssembly assertion failed at ${line}:${column}`);
      },
    },
  };
}

function embeddedBytes(): Uint8Array<ArrayBuffer> {
  const text = atob(WASM_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function adopt(instance: WebAssembly.Instance): Kernels {
  kernels = instance.exports as unknown as Kernels;
  view = undefined;
  words = undefined;
  return kernels;
}

async function instantiateFrom(input: InitInput | undefined): Promise<WebAssembly.Instance> {
  if (input === undefined) return (await WebAssembly.instantiate(embeddedBytes(), imports())).instance;
  if (input instanceof WebAssembly.Module) return WebAssembly.instantiate(input, imports());
  if (ArrayBuffer.isView(input) || input instanceof ArrayBuffer) {
    return (await WebAssembly.instantiate(input as BufferSource, imports())).instance;
  }
  const response = typeof input === 'string' || input instanceof URL ? await fetchModule(input) : await input;
  if (!response.ok) throw new Error(`akacore: fetching the WebAssembly module failed: HTTP ${response.status}`);
  const streaming = response.headers.get('Content-Type')?.startsWith('application/wasm');
  if (streaming && typeof WebAssembly.instantiateStreaming === 'function') {
    return (await WebAssembly.instantiateStreaming(response, imports())).instance;
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), imports())).instance;
}

async function fetchModule(url: string | URL): Promise<Response> {
  try {
    return await fetch(url);
  } catch (cause) {
    // Node.js's fetch() has no file: URLs; there, call init() without an argument or pass bytes.
    throw new Error(
      `akacore: fetching the WebAssembly module from ${String(url)} failed (${String(cause)}); ` +
        'call init() without an argument to use the embedded module, or pass its bytes',
      { cause },
    );
  }
}

/**
 * Loads and instantiates the WebAssembly core. Without an argument it uses the module embedded in
 * the package. Later calls, and calls made while loading, return the same instance.
 */
export default async function init(input?: InitInput): Promise<void> {
  if (kernels) return;
  loading ??= instantiateFrom(input).then(adopt, (error: unknown) => {
    loading = undefined;
    throw error;
  });
  await loading;
}

/**
 * Instantiates the WebAssembly core synchronously, from the embedded module or from the given
 * bytes or Module. Browsers cap synchronous compilation on the main thread (Chromium at 8 MB; this
 * module is far smaller), so it works everywhere. Does nothing if the core is already loaded.
 */
export function initSync(input?: BufferSource | WebAssembly.Module): void {
  if (kernels) return;
  const module = input instanceof WebAssembly.Module ? input : new WebAssembly.Module(input ?? embeddedBytes());
  adopt(new WebAssembly.Instance(module, imports()));
}

/** The loaded kernels; throws if neither init() nor initSync() has completed. */
export function core(): Kernels {
  if (!kernels) throw new Error('akacore: the WebAssembly core is not loaded: call `await init()` or `initSync()` first');
  return kernels;
}

let view: Uint8Array | undefined;

/**
 * A view of all of linear memory. Growing memory detaches the old buffer (its views read as
 * empty), so the view is taken again then; never keep the result across a call that may allocate.
 */
export function memoryBytes(): Uint8Array {
  if (!view || view.length === 0) view = new Uint8Array(core().memory.buffer);
  return view;
}

let words: Uint32Array | undefined;

/**
 * All of linear memory as little-endian u32 words (the kernels' descriptor tables), taken again
 * after memory grows, like memoryBytes(): word i is bytes 4 i .. 4 i + 3.
 */
export function memoryWords(): Uint32Array {
  if (!words || words.length === 0) words = new Uint32Array(core().memory.buffer);
  return words;
}

/** A block of linear memory owned by the TypeScript layer; `free()` zeroes it before release. */
export class Region {
  readonly ptr: number;
  readonly size: number;
  constructor(size: number) {
    this.size = size;
    this.ptr = core().alloc(size);
  }
  /** Copies `bytes` in at byte `offset` of the region. */
  write(bytes: Uint8Array, offset = 0): void {
    memoryBytes().set(bytes, this.ptr + offset);
  }
  /** A copy of `length` bytes from byte `offset` of the region. */
  read(offset: number, length: number): Uint8Array {
    // new + copy rather than slice(): small arrays then live on the JS heap; and for a few bytes a
    // loop beats creating a subarray view, which is the costly part of small copies.
    const copy = new Uint8Array(length), memory = memoryBytes(), from = this.ptr + offset;
    if (length > 64) copy.set(memory.subarray(from, from + length));
    else for (let i = 0; i < length; i++) copy[i] = memory[from + i]!;
    return copy;
  }
  /** Zeroes the region, keeping it. */
  wipe(): void {
    memoryBytes().fill(0, this.ptr, this.ptr + this.size);
  }
  free(): void {
    core().release(this.ptr, this.size);
  }
}

const ownedSlots = new FinalizationRegistry<Region>((region) => region.free());
const slotsByOwner = new WeakMap<object, KeySlot>();

/**
 * The key slot that `owner` (e.g. an Hmac or AesCbc) keeps its key in, for code that calls the
 * kernels on it directly (the ESP layer's in-memory packet path); undefined for any other object.
 */
export function keySlotOf(owner: object): KeySlot | undefined {
  return slotsByOwner.get(owner);
}

/**
 * Key material in linear memory (an expanded key, HMAC states) owned by one API object: zeroed and
 * released by dispose(), or after the owner is garbage-collected if it was never disposed.
 */
export class KeySlot {
  readonly #owner: string;
  #region: Region | undefined;

  /** `size` bytes for `owner`, whose class names it in the error of a use after dispose(). */
  constructor(owner: object, size: number) {
    this.#owner = owner.constructor.name;
    this.#region = new Region(size);
    ownedSlots.register(owner, this.#region, this);
    slotsByOwner.set(owner, this);
  }

  /** Whether dispose() has run. */
  get disposed(): boolean {
    return this.#region === undefined;
  }

  /** The slot's region; throws once the slot is disposed. */
  live(): Region {
    if (!this.#region) throw new Error(`${this.#owner}: used after dispose()`);
    return this.#region;
  }

  /** Zeroes and releases the slot; later calls do nothing. */
  dispose(): void {
    if (!this.#region) return;
    ownedSlots.unregister(this);
    this.#region.free();
    this.#region = undefined;
  }
}
