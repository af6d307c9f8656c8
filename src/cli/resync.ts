// `akacore resync`: the HSS side of resynchronisation (TS 33.102 clauses 6.3.3 and 6.3.5): SQN_MS
// from the RAND and AUTS a serving node relays, after MAC-S has been checked; or the reason the
// AUTS was refused, with exit code 1.

import { Command } from 'commander';
import init, { fromHex, initialSqnState, resynchronise, sqnToBytes, toHex } from '../index.js';
import { addSubscriberOptions, indBitsOf, subscriberAlgorithm } from './subscriber.js';
import type { SubscriberFlags } from './subscriber.js';
import { hexSize, parseHexOption } from './options.js';
import { UsageError } from './errors.js';
import { printFields } from './output.js';

type ResyncFlags = SubscriberFlags & { rand: string; auts: string; json?: boolean };

/** Registers `resync` on `program`. */
export function registerResync(program: Command): Command {
  const command = program
    .command('resync')
    .summary('SQN_MS from an AUTS, after checking MAC-S (TS 33.102 6.3.3, 6.3.5)')
    .description(
      'Recovers SQN_MS = AUTS[0..5] xor f5*(RAND) and checks MAC-S = f1*(SQN_MS, RAND, AMF* = 0000)\n' +
      'in constant time. Prints SQN_MS (the subscriber\'s next batch starts after it), or the reason\n' +
      'the AUTS was refused (malformed, mac-s) and exits 1.',
    );
  addSubscriberOptions(command);
  command.optionsGroup('Resynchronisation:');
  command.requiredOption('--rand <hex>', `the RAND of the failed challenge, ${hexSize(16)}`);
  command.requiredOption('--auts <hex>', 'AUTS from the USIM, 14 bytes (28 hex digits) with Milenage');
  command.optionsGroup('Output:');
  command.option('--json', 'one JSON object: { ok, sqnMs } or { ok, reason }');
  return command.action(resyncAction);
}

async function resyncAction(flags: ResyncFlags): Promise<void> {
  const indBits = indBitsOf(flags);
  const rand = parseHexOption('--rand', flags.rand, 16);
  // AUTS is network data: any length is passed on, and a wrong one is a refusal (exit 1), not a usage error.
  let auts: Uint8Array;
  try {
    auts = fromHex(flags.auts, '--auts');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  await init();
  const algorithm = subscriberAlgorithm(flags);
  try {
    const result = resynchronise(algorithm, initialSqnState(0, indBits), rand, auts);
    if (!result.ok) {
      if (flags.json) process.stdout.write(JSON.stringify({ ok: false, reason: result.reason }) + '\n');
      throw new Error(`AUTS refused: ${result.reason}`);
    }
    const sqnMs = sqnToBytes(result.sqnMs);
    if (flags.json) process.stdout.write(JSON.stringify({ ok: true, sqnMs: toHex(sqnMs) }) + '\n');
    else printFields([{ label: 'SQN_MS', key: 'sqnMs', value: sqnMs }], false);
  } finally {
    algorithm.dispose();
  }
}
