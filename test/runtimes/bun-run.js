// The Milenage vector suite under Bun:  bun run test/runtimes/bun-run.js [vector-dir]
// Prints one JSON line ({ runtime, version, passed, failed, failures, sets, files, ms }); exits 1 on failure.
import { main } from './cli-main.js';

const code = await main({ name: 'bun', version: Bun.version }, (url) => Bun.file(url).text(), Bun.argv[2]);
process.exit(code);
