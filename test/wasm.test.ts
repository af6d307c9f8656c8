import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

// Each test imports a fresh copy of the package, so that the loader starts unloaded.
type Package = typeof import('../src/index.js');
async function freshPackage(): Promise<Package> {
  vi.resetModules();
  return import('../src/index.js');
}

const wasmBytes = readFileSync(new URL('../build/akacore.wasm', import.meta.url));
const SET1 = {
  k: '465b5ce8b199b49faa5f0a2ee238a6bc', opc: 'cd63cb71954a9f4e48a5994e37a02baf',
  rand: '23553cbe9637a89d218ae64dae47bf35', res: 'a54211d5e3ba50bf',
};

function works(pkg: Package): void {
  const m = pkg.Milenage.fromOpc(pkg.fromHex(SET1.k), pkg.fromHex(SET1.opc));
  expect(pkg.toHex(m.f2345(pkg.fromHex(SET1.rand)).res)).toBe(SET1.res);
  m.dispose();
}

describe('loading the WebAssembly core', () => {
  it('throws an error that says to call init when used before it', async () => {
    const pkg = await freshPackage();
    expect(() => pkg.Milenage.fromOpc(new Uint8Array(16), new Uint8Array(16))).toThrow(/call `await init\(\)`/);
    expect(() => new pkg.Aes128(new Uint8Array(16))).toThrow(/init/);
  });

  it('loads the embedded module with no argument, idempotently and concurrently', async () => {
    const pkg = await freshPackage();
    await Promise.all([pkg.default(), pkg.init(), pkg.default()]);
    await pkg.default();
    works(pkg);
  });

  it.each([
    ['bytes', () => new Uint8Array(wasmBytes)],
    ['an ArrayBuffer', () => wasmBytes.buffer.slice(wasmBytes.byteOffset, wasmBytes.byteOffset + wasmBytes.length)],
    ['a WebAssembly.Module', () => new WebAssembly.Module(wasmBytes)],
    ['a Response (streaming)', () => new Response(wasmBytes, { headers: { 'Content-Type': 'application/wasm' } })],
    ['a promise of a Response without the wasm type', () => Promise.resolve(new Response(wasmBytes))],
  ])('loads from %s', async (_, input) => {
    const pkg = await freshPackage();
    await pkg.default(input() as Parameters<Package['default']>[0]);
    works(pkg);
  });

  it('reports a failed fetch and can be retried', async () => {
    const pkg = await freshPackage();
    await expect(pkg.default(new Response('no', { status: 404 }))).rejects.toThrow(/HTTP 404/);
    await pkg.default();
    works(pkg);
  });

  it('starts synchronously with initSync, from the embedded module, bytes or a Module', async () => {
    for (const input of [undefined, new Uint8Array(wasmBytes), new WebAssembly.Module(wasmBytes)]) {
      const pkg = await freshPackage();
      pkg.initSync(input);
      pkg.initSync(input);
      works(pkg);
    }
  });
});

describe('loading from a URL that cannot be fetched', () => {
  it('says what failed and what to do instead, and can be retried', async () => {
    const pkg = await freshPackage();
    const url = new URL('../build/akacore.wasm', import.meta.url); // file: URLs: no fetch on Node.js
    await expect(pkg.default(url)).rejects.toThrow(/fetching the WebAssembly module from file:.*call init\(\) without an argument/);
    await pkg.default();
    works(pkg);
  });
});
