// The Milenage vector suite in a browser page, loaded by runtimes.test.ts as
//   <script type="module" src="/test/runtimes/browser-run.js"></script>
// from a page whose query says how to load the core: ?init=embedded (init(), the bytes embedded in
// dist/) or ?init=url (init(new URL('/build/akacore.wasm', location.href)): fetch + instantiateStreaming).
// After the suite, the same page runs the HssWebPool check (module Web Workers loaded from dist/ on
// this origin) and reports it as `pool`.
// The result goes to window.__akacoreReport (exposed by the test), or window.__akacoreResult.
import { runSuite } from './suite.js';
import { VECTOR_FILES } from './cli-main.js';
import { checkHssWebPool } from './hss-web-pool-check.js';

const mode = new URLSearchParams(location.search).get('init') ?? 'embedded';

// Count the calls to instantiateStreaming, to show which path init() took.
let streamingCalls = 0;
const instantiateStreaming = WebAssembly.instantiateStreaming;
if (typeof instantiateStreaming === 'function') {
  WebAssembly.instantiateStreaming = function (...args) {
    streamingCalls++;
    return instantiateStreaming.apply(this, args);
  };
}

const started = performance.now();
let result;
try {
  const files = {};
  for (const name of VECTOR_FILES) {
    const response = await fetch(new URL(`../../test-vectors/${name}`, import.meta.url));
    if (!response.ok) throw new Error(`fetching ${name}: HTTP ${response.status}`);
    files[name] = await response.json();
  }
  // Imported here, after nothing else has touched it: the suite checks the API before init().
  const api = await import('../../dist/index.js');
  const options = mode === 'url' ? { initArg: new URL('/build/akacore.wasm', location.href) } : {};
  result = { ...(await runSuite(api, files, options)) };
  try {
    result.pool = await checkHssWebPool(api);
  } catch (error) {
    result.pool = { error: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
} catch (error) {
  result = {
    passed: 0, failed: 1, sets: 0, files: [],
    failures: [`browser runner: ${error instanceof Error ? error.stack ?? error.message : String(error)}`],
  };
}
result = {
  runtime: 'chromium', version: navigator.userAgent, mode, streamingCalls, ...result,
  ms: Math.round(performance.now() - started),
};
if (typeof globalThis.__akacoreReport === 'function') await globalThis.__akacoreReport(result);
else globalThis.__akacoreResult = result;
