// The package where it is used: the Milenage vector suite (suite.js, plain ES module) against the built
// dist/ on Node.js, Deno, Bun and headless Chromium. A missing runtime or browser fails its test with
// what is missing; nothing here is skipped and nothing touches the network (the page gets a static
// server on 127.0.0.1 and every other request is aborted).
//
// Needs: `npm run build` (npm test runs it first), the deno and bun devDependencies, playwright-core,
// and Debian's chromium at /usr/bin/chromium (or AKACORE_CHROMIUM=path). Never downloads a browser.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VECTOR_FILES } from './cli-main.js';
import { expectedCheckCount, runSuite } from './suite.js';
import { POOL_CHECK_VECTORS } from './hss-web-pool-check.js';

const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const here = join(root, 'test', 'runtimes');
const CHROMIUM = process.env.AKACORE_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

interface SuiteResult {
  runtime?: string;
  version?: string;
  passed: number;
  failed: number;
  failures: string[];
  sets: number;
  files: string[];
  ms?: number;
  mode?: string;
  streamingCalls?: number;
  /** Chromium only: the HssWebPool check of hss-web-pool-check.js, run in the same page. */
  pool?: Record<string, unknown>;
}

function vectorFiles(): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  for (const name of VECTOR_FILES) {
    const path = join(root, 'test-vectors', name);
    if (!existsSync(path)) throw new Error(`test vectors missing: ${path}`);
    files[name] = JSON.parse(readFileSync(path, 'utf8'));
  }
  return files;
}

const expectedSets = Object.entries(vectorFiles()).filter(([name]) => name.startsWith('milenage-'))
  .reduce<number>((n, [, doc]) => n + (doc as { sets: unknown[] }).sets.length, 0);

/** The HssWebPool check in the page: equal to generateBatch, and a pool without its worker module refusing calls. */
const missingWorker = expect.stringMatching(/^HssWebPool: a worker \(http:\/\/127\.0\.0\.1:\d+\/dist\/missing-worker\.js\) failed: /);
const POOL_PASSED = {
  vectors: POOL_CHECK_VECTORS, equal: true, states: true, exhausted: true, missingWorker: [missingWorker, missingWorker],
  destroyed: 'HssWebPool: destroyed',
};

function requireBuild(): void {
  for (const file of ['dist/index.js', 'build/akacore.wasm']) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
}

function expectClean(result: SuiteResult, label: string): void {
  if (result.failed !== 0 || result.failures.length !== 0) {
    const shown = result.failures.slice(0, 30);
    throw new Error(`${label}: ${result.failed} of ${result.passed + result.failed} checks failed:\n  ${shown.join('\n  ')}`
      + (result.failures.length > shown.length ? `\n  ... and ${result.failures.length - shown.length} more` : ''));
  }
  expect(result.sets, `${label}: Milenage test-vector sets run`).toBe(expectedSets);
  expect(result.passed, `${label}: checks passed`).toBe(expectedCheckCount(vectorFiles()));
  expect(result.passed).toBeGreaterThan(0);
}

function report(result: SuiteResult, ms: number): void {
  console.info(`runtimes: ${result.runtime ?? '?'} ${result.version ?? ''}${result.mode ? ` (${result.mode})` : ''}: `
    + `${result.passed} passed, ${result.failed} failed, ${result.sets} sets; suite ${result.ms ?? '?'} ms, total ${ms} ms`
    + (result.pool ? `; HssWebPool ${JSON.stringify({ ...result.pool, missingWorker: undefined })}` : ''));
}

/** Runs a command-line runner to completion (killing it after `timeout` ms) and parses its JSON line. */
function runCli(label: string, command: string, args: string[], timeout = 60_000): Promise<SuiteResult> {
  if (!existsSync(command)) {
    throw new Error(`${label} is missing: ${command} not found (it comes from the ${label} devDependency: run \`npm ci\`)`);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // No update checks, prompts or telemetry: these runs must not reach for the network.
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', DO_NOT_TRACK: '1', NO_COLOR: '1' },
    });
    let stdout = '', stderr = '', timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeout);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(error.code === 'ENOENT'
        ? `${label} is missing: cannot run ${command} (${error.message})`
        : `${label}: cannot start ${command}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').at(-1) ?? '';
      const context = `${label} (${command} ${args.join(' ')}) exited with ${timedOut ? `a timeout after ${timeout} ms` : signal ?? code}`
        + `\nstdout: ${stdout.slice(-4000)}\nstderr: ${stderr.slice(-4000)}`;
      let result: SuiteResult;
      try {
        result = JSON.parse(line) as SuiteResult;
      } catch {
        reject(new Error(`${context}\n(no JSON result line)`));
        return;
      }
      if (code !== (result.failed === 0 ? 0 : 1)) {
        reject(new Error(`${context}\n(the exit code does not match the result)`));
        return;
      }
      resolve(result);
    });
  });
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

// The page: browser-run.js reports the suite's result; if it cannot load (a module missing or not
// parsing) or throws, the page reports that instead of leaving the test to time out.
const PAGE = `<!doctype html><meta charset="utf-8"><title>akacore runtimes</title>
<script>
  function pageFailed(message) {
    window.__akacoreReport({ runtime: 'chromium', passed: 0, failed: 1, sets: 0, files: [], failures: [message] });
  }
  addEventListener('error', (e) => pageFailed('uncaught error in the page: ' + e.message + ' at ' + e.filename + ':' + e.lineno));
  addEventListener('unhandledrejection', (e) => pageFailed('unhandled rejection in the page: ' + e.reason));
</script>
<script type="module" src="/test/runtimes/browser-run.js"
  onerror="pageFailed('the page could not load /test/runtimes/browser-run.js or a module it imports')"></script>`;

/** A static server of the repository on 127.0.0.1, on an ephemeral port; records what was asked. */
async function startServer() {
  const requests: string[] = [];
  const served: { path: string; type: string }[] = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    requests.push(path);
    try {
      if (path === '/__runtimes/page.html') {
        res.writeHead(200, { 'Content-Type': MIME['.html'], 'Cache-Control': 'no-store' }).end(PAGE);
        return;
      }
      const file = normalize(join(root, path));
      if (!file.startsWith(root + sep) || !(await stat(file)).isFile()) throw new Error('not a file');
      const type = MIME[extname(file)] ?? 'application/octet-stream';
      const body = await readFile(file);
      served.push({ path, type });
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return { origin, requests, served, close };
}

describe('the Milenage vector suite in every runtime', () => {
  it('node (dist/ imported directly)', async () => {
    requireBuild();
    const started = Date.now();
    // dist/ is imported by nothing else in this worker (the setup file loads src/), so this module
    // instance is fresh and the suite can check the API before init().
    const api = await import('../../dist/index.js');
    const result: SuiteResult = { runtime: 'node', version: process.versions.node, ...(await runSuite(api, vectorFiles())) };
    result.ms = Date.now() - started;
    report(result, result.ms);
    expectClean(result, 'node');
  }, 60_000);

  it('node (plain node, native ES modules)', async () => {
    requireBuild();
    const started = Date.now();
    const result = await runCli('node', process.execPath, [join(here, 'node-run.js')]);
    report(result, Date.now() - started);
    expectClean(result, 'node (native)');
  }, 60_000);

  it('deno', async () => {
    requireBuild();
    const started = Date.now();
    // Read access to the repository and nothing else: no net, env, write or run permission.
    const result = await runCli('deno', join(root, 'node_modules', '.bin', 'deno'),
      ['run', '--no-prompt', '--no-lock', `--allow-read=${root}`, join(here, 'deno-run.js')], 90_000);
    report(result, Date.now() - started);
    expect(result.runtime).toBe('deno');
    expectClean(result, 'deno');
  }, 120_000);

  it('bun', async () => {
    requireBuild();
    const started = Date.now();
    const result = await runCli('bun', join(root, 'node_modules', '.bin', 'bun'), ['run', join(here, 'bun-run.js')], 90_000);
    report(result, Date.now() - started);
    expect(result.runtime).toBe('bun');
    expectClean(result, 'bun');
  }, 120_000);

  it('chromium (headless; embedded module, then init(URL) with instantiateStreaming)', async () => {
    requireBuild();
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is missing: ${CHROMIUM} not found. Install Debian's browser with `
        + '`apt-get install -y --no-install-recommends chromium` (or set AKACORE_CHROMIUM to a Chromium binary); '
        + 'this test never downloads one.');
    }
    let playwright: typeof import('playwright-core');
    try {
      playwright = await import('playwright-core');
    } catch (error) {
      throw new Error(`playwright-core is missing (a devDependency: run \`npm ci\`): ${(error as Error).message}`);
    }
    const started = Date.now();
    const server = await startServer();
    let browser: import('playwright-core').Browser | undefined;
    try {
      browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
      const runPage = async (mode: 'embedded' | 'url'): Promise<{ result: SuiteResult; requests: string[] }> => {
        const context = await browser!.newContext();
        const log: string[] = [];
        try {
          // Only our server: anything else the page (or the browser for it) asks for is refused.
          await context.route('**/*', (route) => (route.request().url().startsWith(`${server.origin}/`)
            ? route.continue()
            : (log.push(`blocked request: ${route.request().url()}`), route.abort())));
          const page = await context.newPage();
          page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log.push(`console.${m.type()}: ${m.text()}`); });
          page.on('pageerror', (e) => log.push(`page error: ${e.message}`));
          page.on('requestfailed', (r) => log.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
          let resolveResult!: (r: SuiteResult) => void;
          const reported = new Promise<SuiteResult>((resolve) => { resolveResult = resolve; });
          await page.exposeFunction('__akacoreReport', (r: SuiteResult) => resolveResult(r));
          const first = server.requests.length;
          await page.goto(`${server.origin}/__runtimes/page.html?init=${mode}`);
          let timer: ReturnType<typeof setTimeout> | undefined;
          const result = await Promise.race([
            reported,
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new Error(
                `chromium (${mode}): no result from the page within 45 s\n${log.join('\n')}`)), 45_000);
            }),
          ]).finally(() => clearTimeout(timer));
          result.version = browser!.version();
          if (result.failed !== 0 && log.length) result.failures.push(...log.map((l) => `[page log] ${l}`));
          return { result, requests: server.requests.slice(first) };
        } finally {
          await context.close();
        }
      };

      // 1. init() with no argument: the bytes embedded in dist/, no fetch of the .wasm.
      const embedded = await runPage('embedded');
      report(embedded.result, Date.now() - started);
      expectClean(embedded.result, 'chromium (embedded)');
      expect(embedded.requests, 'the embedded module must not fetch build/akacore.wasm').not.toContain('/build/akacore.wasm');
      expect(embedded.result.streamingCalls, 'the embedded module needs no instantiateStreaming').toBe(0);
      // HssWebPool in the page: module workers from 127.0.0.1, output equal to generateBatch on one thread.
      expect(embedded.result.pool, 'HssWebPool in Chromium').toEqual(POOL_PASSED);
      expect(embedded.requests, 'the pool\'s workers load their module from dist/').toContain('/dist/hss-web-worker.js');

      // 2. init(new URL('/build/akacore.wasm', location.href)): fetched, served as application/wasm,
      //    compiled with instantiateStreaming.
      const fetched = await runPage('url');
      report(fetched.result, Date.now() - started);
      expectClean(fetched.result, 'chromium (init(URL))');
      expect(fetched.requests).toContain('/build/akacore.wasm');
      expect(server.served.find((s) => s.path === '/build/akacore.wasm')?.type).toBe('application/wasm');
      expect(fetched.result.streamingCalls, 'init(URL) should use WebAssembly.instantiateStreaming').toBeGreaterThanOrEqual(1);
      expect(fetched.result.pool, 'HssWebPool in Chromium').toEqual(POOL_PASSED);
    } finally {
      await browser?.close();
      await server.close();
    }
  }, 120_000);
});
