// Entry point of `npm run bench`: runs the suites, prints their tables and writes bench/RESULTS.md.
//   node bench/run.mjs             every suite, writes RESULTS.md
//   node bench/run.mjs milenage    only the named suites; RESULTS.md is left alone unless --write
// BENCH_ROUNDS, BENCH_TIME_MS and BENCH_WARMUP_MS change the tinybench budget (see harness.mjs).
// A suite is an async function returning a section for report.mjs; register new ones in SUITES.
import { existsSync, writeFileSync } from 'node:fs';
import { budget } from './harness.mjs';
import { currentLoad, systemInfo } from './system.mjs';
import { document, section, systemTable } from './report.mjs';

const SUITES = {
  milenage: () => import('./milenage.mjs').then((m) => m.runMilenage()),
  esp: () => import('./esp.mjs').then((m) => m.runEsp()),
  isim: () => import('./isim.mjs').then((m) => m.runIsim()),
  tuak: () => import('./tuak.mjs').then((m) => m.runTuak()),
  hss: () => import('./hss.mjs').then((m) => m.runHss()),
  kdf: () => import('./kdf.mjs').then((m) => m.runKdf()),
};

const args = process.argv.slice(2);
const named = args.filter((a) => !a.startsWith('--'));
for (const name of named) {
  if (!(name in SUITES)) {
    console.error(`unknown suite ${name}; known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
}
if (!existsSync(new URL('../dist/index.js', import.meta.url))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}

const system = systemInfo();
console.log(systemTable(system, budget) + '\n');
const results = [];
for (const name of named.length ? named : Object.keys(SUITES)) {
  const started = performance.now();
  const result = await SUITES[name]();
  results.push(result);
  console.log(section(result));
  console.log(`\n(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}

system.loadAfter = currentLoad();
console.log(`load average (1 min): ${system.loadBefore.toFixed(2)} at start, ${system.loadAfter.toFixed(2)} at end`);
if (named.length === 0 || args.includes('--write')) {
  const file = new URL('./RESULTS.md', import.meta.url);
  writeFileSync(file, document(system, budget, results));
  console.log(`wrote ${file.pathname}`);
}
