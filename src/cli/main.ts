#!/usr/bin/env node
// The `akacore` command. Each subcommand lives in a file of its own here and is registered below;
// option parsing and output helpers are shared in options.ts and output.ts.
//
// Exit codes (errors.ts): 0 success, --help and --version; 1 a data error; 2 a usage error, both
// ours (UsageError) and commander's (missing or unknown option, conflicting options, no command).

import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { EXIT, UsageError } from './errors.js';
import { registerMilenage } from './milenage.js';
import { registerEsp } from './esp.js';
import { registerIsim } from './isim.js';
import { registerDigest } from './digest.js';
import { registerTuak } from './tuak.js';
import { registerAv } from './av.js';
import { registerResync } from './resync.js';
import { registerKdf } from './kdf.js';

const HELP_HINT = '(add --help for usage)';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The program with every subcommand registered. Commander errors throw instead of exiting. */
export function buildProgram(): Command {
  const program = new Command('akacore')
    .description('3GPP AKA and IMS access-security crypto: Milenage, TUAK, HSS, ISIM, Digest AKA, ESP, key derivations')
    .version(packageVersion(), '-V, --version')
    // Set before registering subcommands: .command() copies these settings to each of them.
    .exitOverride()
    .showHelpAfterError(HELP_HINT);
  registerMilenage(program);
  registerEsp(program);
  registerIsim(program);
  registerDigest(program);
  registerTuak(program);
  registerAv(program);
  registerResync(program);
  registerKdf(program);
  return program;
}

/** Runs the command line `args` (without node and the script) and returns the exit code. */
export async function run(args: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(args, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // Commander has already printed its message (or the help); only the exit code is left.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n${HELP_HINT}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.data;
  }
}

process.exitCode = await run(process.argv.slice(2));
