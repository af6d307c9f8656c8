// What the numbers were measured on: CPU, runtime and the versions of the libraries compared.
import { cpus, totalmem, platform, arch, release, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function packageVersion(name) {
  try {
    // Read package.json straight from node_modules: some packages do not export it.
    const entry = require.resolve(name);
    const dir = entry.slice(0, entry.lastIndexOf(`node_modules/${name}/`) + `node_modules/${name}/`.length);
    return JSON.parse(readFileSync(dir + 'package.json', 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

function git(args) {
  return execFileSync('git', args, { cwd: new URL('..', import.meta.url), stdio: ['ignore', 'pipe', 'ignore'] })
    .toString().trim();
}

/** The commit, and whether src/ or assembly/ differ from it (read-only git commands). */
function commit() {
  let id;
  try {
    id = git(['rev-parse', '--short', 'HEAD']);
  } catch {
    return 'commit unknown';
  }
  try {
    git(['diff', '--quiet', 'HEAD', '--', 'src', 'assembly']);
    return `commit ${id}`;
  } catch {
    return `commit ${id} + uncommitted changes in src/ or assembly/`;
  }
}

/** CPU features that matter here: AES-NI (node:crypto's AES) and the SIMD width. */
function cpuFeatures() {
  try {
    const flags = new Set(/^flags\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.split(/\s+/) ?? []);
    return ['aes', 'pclmulqdq', 'ssse3', 'avx', 'avx2', 'avx512f', 'vaes', 'sha_ni'].filter((f) => flags.has(f));
  } catch {
    return [];
  }
}

export function systemInfo() {
  const list = cpus();
  const self = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return {
    date: new Date().toISOString(),
    cpu: list[0]?.model?.trim() ?? 'unknown',
    cores: list.length,
    features: cpuFeatures(),
    mhz: list[0]?.speed ?? 0,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadBefore: loadavg()[0],
    os: `${platform()} ${release()} ${arch()}`,
    node: process.versions.node,
    v8: process.versions.v8,
    openssl: process.versions.openssl,
    akacore: `${self.version} (${commit()}; measured from dist/)`,
    packages: {
      tinybench: packageVersion('tinybench'),
      '@noble/ciphers': packageVersion('@noble/ciphers'),
    },
  };
}

/** The 1-minute load average now: other work on the machine makes every figure lower and noisier. */
export function currentLoad() {
  return loadavg()[0];
}
