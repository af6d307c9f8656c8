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
  readonly ROUND_KEYS_SIZE: WebAssembly.Global;
  readonly CONSTANTS_SIZE: WebAssembly.Global;
  readonly SLOT_SIZE: WebAssembly.Global;
  readonly RECORD_SIZE: WebAssembly.Global;
  readonly VECTOR_SIZE: WebAssembly.Global;
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
  return kernels;
}

async function instantiateFrom(input: InitInput | undefined): Promise<WebAssembly.Instance> {
  if (input === undefined) return (await WebAssembly.instantiate(embeddedBytes(), imports())).instance;
  if (input instanceof WebAssembly.Module) return WebAssembly.instantiate(input, imports());
  if (ArrayBuffer.isView(input) || input instanceof ArrayBuffer) {
    return (await WebAssembly.instantiate(input as BufferSource, imports())).instance;
  }
  const source = typeof input === 'string' || input instanceof URL ? fetch(input) : input;
  const response = await source;
  if (!response.ok) throw new Error(`akacore: fetching the WebAssembly module failed: HTTP ${response.status}`);
  const streaming = response.headers.get('Content-Type')?.startsWith('application/wasm');
  if (streaming && typeof WebAssembly.instantiateStreaming === 'function') {
    return (await WebAssembly.instantiateStreaming(response, imports())).instance;
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), imports())).instance;
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
 * bytes or Module. Browsers allow synchronous compilation of small modules only on workers; on the
 * main thread prefer `await init()`. Does nothing if the core is already loaded.
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

/** A view of linear memory, taken fresh: earlier views go stale when memory grows. */
export function memoryBytes(): Uint8Array {
  return new Uint8Array(core().memory.buffer);
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
    return memoryBytes().slice(this.ptr + offset, this.ptr + offset + length);
  }
  free(): void {
    core().release(this.ptr, this.size);
  }
}
