// Shared body of the command-line runners (deno-run.js, bun-run.js, node-run.js): import dist/ fresh,
// read the vector files, run the suite, print one JSON line, and give the exit code. Plain ES module
// with no node: import, so Deno and Bun load it as it is.
import { PART_FILES, runSuite } from './suite.js';

/** The vector files every runtime checks, in test-vectors/. */
export const VECTOR_FILES = ['milenage-ts35207.json', 'milenage-ts35208.json', ...Object.values(PART_FILES)];

/**
 * runtime: { name, version }; readText(url): Promise<string>; vectorDir: an absolute directory path,
 * or undefined for the repository's test-vectors/. Returns the exit code (0 only if every check passed).
 */
export async function main(runtime, readText, vectorDir) {
  const started = Date.now();
  const dir = vectorDir
    ? new URL(`file://${vectorDir.endsWith('/') ? vectorDir : `${vectorDir}/`}`)
    : new URL('../../test-vectors/', import.meta.url);
  let line;
  try {
    const files = {};
    for (const name of VECTOR_FILES) files[name] = JSON.parse(await readText(new URL(name, dir)));
    // Imported here, after nothing else has touched it: the suite checks the API before init().
    const api = await import('../../dist/index.js');
    const result = await runSuite(api, files);
    line = { runtime: runtime.name, version: runtime.version, ...result, ms: Date.now() - started };
  } catch (error) {
    line = {
      runtime: runtime.name, version: runtime.version, passed: 0, failed: 1, sets: 0, files: [],
      failures: [`runner: ${error instanceof Error ? error.stack ?? error.message : String(error)}`],
      ms: Date.now() - started,
    };
  }
  console.log(JSON.stringify(line));
  return line.failed === 0 && line.passed > 0 ? 0 : 1;
}
