// The Milenage vector suite under Deno. Needs read access to the repository only:
//   deno run --allow-read=<repo> test/runtimes/deno-run.js [vector-dir]
// Prints one JSON line ({ runtime, version, passed, failed, failures, sets, files, ms }); exits 1 on failure.
import { main } from './cli-main.js';

const code = await main({ name: 'deno', version: Deno.version.deno }, (url) => Deno.readTextFile(url), Deno.args[0]);
Deno.exit(code);
