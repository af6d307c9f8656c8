// The Milenage vector suite under plain Node.js (native ESM loader, outside vitest):
//   node test/runtimes/node-run.js [vector-dir]
// Prints one JSON line ({ runtime, version, passed, failed, failures, sets, files, ms }); exits 1 on failure.
import { readFile } from 'node:fs/promises';
import { main } from './cli-main.js';

process.exitCode = await main({ name: 'node', version: process.versions.node }, (url) => readFile(url, 'utf8'), process.argv[2]);
