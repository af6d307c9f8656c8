import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// DESIGN.md: src/ runs unchanged on Node.js, Deno, Bun and browsers; only src/node/ and src/cli/
// may import node: modules.
const root = new URL('..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('portability of src/', () => {
  it('imports node: modules only from src/node/ and src/cli/', () => {
    const offenders = sources(join(root, 'src'))
      .map((path) => relative(root, path))
      .filter((path) => !path.startsWith('src/node/') && !path.startsWith('src/cli/'))
      .filter((path) => /from\s+['"](node:|fs['"]|path['"]|crypto['"])/.test(readFileSync(join(root, path), 'utf8')));
    expect(offenders).toEqual([]);
    expect(sources(join(root, 'src')).length).toBeGreaterThan(3);
  });
});
