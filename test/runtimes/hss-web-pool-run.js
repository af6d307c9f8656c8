// HssWebPool (Web Workers) under Deno or Bun, against generateBatch on one thread with the same RANDs:
//   deno run --allow-read=<repo> test/runtimes/hss-web-pool-run.js
//   bun test/runtimes/hss-web-pool-run.js
// Prints one JSON line { runtime, ...the check's result }; exits 1 unless all of it holds.
import { checkHssWebPool, poolCheckPassed } from './hss-web-pool-check.js';

const api = await import('../../dist/index.js');
await api.init();
const result = await checkHssWebPool(api);
const runtime = typeof Deno !== 'undefined' ? `deno ${Deno.version.deno}` : typeof Bun !== 'undefined' ? `bun ${Bun.version}` : 'unknown';
console.log(JSON.stringify({ runtime, ...result }));
const ok = poolCheckPassed(result);
if (typeof Deno !== 'undefined') Deno.exit(ok ? 0 : 1);
else process.exit(ok ? 0 : 1);
