// HssWebPool (Web Workers) on Deno and Bun, through hss-web-pool-run.js against the built dist/:
// pooled output equal to generateBatch on one thread, and an exhausted SQN refused.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const script = `${root}/test/runtimes/hss-web-pool-run.js`;

function run(command: string, args: string[]): Record<string, unknown> {
  expect(existsSync(`${root}/dist/index.js`), 'dist/ is missing: run `npm run build` first').toBe(true);
  const out = spawnSync(command, args, { encoding: 'utf8', cwd: root, timeout: 60_000 });
  expect(out.error, `${command} could not be started`).toBeUndefined();
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

describe('HssWebPool (Web Workers) equals the single-thread generateBatch', () => {
  it('on Deno', () => {
    const result = run(`${root}/node_modules/.bin/deno`, ['run', `--allow-read=${root}`, script]);
    expect(result).toMatchObject({ vectors: 7999, equal: true, states: true, exhausted: true });
    expect(result.runtime).toMatch(/^deno /);
  });

  it('on Bun', () => {
    const result = run(`${root}/node_modules/.bin/bun`, [script]);
    expect(result).toMatchObject({ vectors: 7999, equal: true, states: true, exhausted: true });
    expect(result.runtime).toMatch(/^bun /);
  });
});
