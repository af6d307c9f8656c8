// HssWebPool (Web Workers) on Deno and Bun, through hss-web-pool-run.js against the built dist/:
// pooled output equal to generateBatch on one thread, an exhausted SQN refused, and calls to a pool
// whose worker module is missing or that was destroyed rejected instead of left waiting.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { POOL_CHECK_VECTORS } from './hss-web-pool-check.js';

const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const script = `${root}/test/runtimes/hss-web-pool-run.js`;

/** What the check gives where all is well; `failure` matches the missing worker's own error text. */
function expected(failure: RegExp) {
  const missing = expect.stringMatching(new RegExp(`^HssWebPool: a worker \\(file://.*/dist/missing-worker\\.js\\) failed: ${failure.source}`));
  return {
    vectors: POOL_CHECK_VECTORS, equal: true, states: true, exhausted: true, missingWorker: [missing, missing],
    destroyed: 'HssWebPool: destroyed',
  };
}

/** Runs the check; `stderr` lists the lines the runtime may print (none but its report of the missing worker). */
function run(command: string, args: string[], stderr: RegExp[] = []): Record<string, unknown> {
  expect(existsSync(`${root}/dist/index.js`), 'dist/ is missing: run `npm run build` first').toBe(true);
  const out = spawnSync(command, args, { encoding: 'utf8', cwd: root, timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  expect(out.error, `${command} could not be started`).toBeUndefined();
  const unexpected = out.stderr.split('\n').filter((line) => line !== '' && !stderr.some((allowed) => allowed.test(line)));
  expect(unexpected).toEqual([]);
  expect(out.status).toBe(0);
  return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

describe('HssWebPool (Web Workers) equals the single-thread generateBatch', () => {
  it('on Deno', () => {
    // Deno reports the worker's own uncaught load error on stderr, whatever the parent does with it.
    const result = run(`${root}/node_modules/.bin/deno`, ['run', `--allow-read=${root}`, script],
      [/^error: Uncaught \(in worker ""\) Module not found ".*\/dist\/missing-worker\.js"\.$/]);
    expect(result).toMatchObject(expected(/Module not found/));
    expect(result.runtime).toMatch(/^deno /);
  });

  it('on Bun', () => {
    const result = run(`${root}/node_modules/.bin/bun`, [script]);
    expect(result).toMatchObject(expected(/.*ModuleNotFound/));
    expect(result.runtime).toMatch(/^bun /);
  });
});
