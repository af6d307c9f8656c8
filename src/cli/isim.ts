// `akacore isim`: the ISIM's (or USIM's) answer to one RAND and AUTN (TS 33.102 clause 6.3.3 and
// Annex C.2): RES, CK and IK, or AUTS on a synchronisation failure, or the reason it refused.

import { Command, Option } from 'commander';
import init, { Isim, Milenage, toHex } from '../index.js';
import type { IsimResult, IsimState } from '../index.js';
import { DEFAULT_IND_BITS, sqnFromBytes, splitSqn } from '../sqn.js';
import { UsageError } from './errors.js';
import { hexSize, parseHexOption, parseIntegerOption } from './options.js';
import { formatLines, printFields } from './output.js';

/** The options as commander hands them over: strings, still to be checked. */
interface IsimFlags {
  k: string; op?: string; opc?: string; rand: string; autn: string; sqnMs?: string; indBits?: string;
  amfSeparation?: boolean; json?: boolean;
}

/** Registers `isim` on `program`. */
export function registerIsim(program: Command): Command {
  const command = program
    .command('isim')
    .summary('the ISIM/USIM side of AKA: check AUTN, answer RES, CK, IK or AUTS (TS 33.102 6.3.3)')
    .description(
      'Checks MAC-A, then (with --amf-separation) the AMF separation bit, then SQN freshness by\n' +
      'TS 33.102 Annex C.2 (Δ = 2^28, L = 2^20) against a card whose highest accepted SQN is\n' +
      '--sqn-ms (default: a new card). Prints RES, CK, IK and SQN; or, exiting 1, the reason:\n' +
      'mac, amf, malformed, or sync with AUTS = SQN_MS ^ AK* || MAC-S.',
    );

  command.optionsGroup('Subscriber:');
  command.addOption(new Option('--k <hex>', `subscriber key K, ${hexSize(16)}`).makeOptionMandatory());
  command.addOption(new Option('--op <hex>', `operator variant OP, ${hexSize(16)}`).conflicts('opc'));
  command.addOption(new Option('--opc <hex>', `OPc instead of OP, ${hexSize(16)}`).conflicts('op'));

  command.optionsGroup('Challenge (from the network):');
  command.requiredOption('--rand <hex>', `RAND, ${hexSize(16)}`);
  command.requiredOption('--autn <hex>', 'AUTN = SQN ^ AK || AMF || MAC-A, 16 bytes with Milenage');

  command.optionsGroup('Card state:');
  command.option('--sqn-ms <hex>', `the highest SQN the card has accepted, ${hexSize(6)} (default: none)`);
  command.option('--ind-bits <n>', `bits of IND in SQN = SEQ || IND, 0 to 47 (default ${DEFAULT_IND_BITS})`);
  command.option('--amf-separation', 'require the AMF separation bit (TS 33.401 Annex H), as on E-UTRAN / NR');

  command.optionsGroup('Options:');
  command.option('--json', 'print one JSON object (hex strings, plus ok and reason)');

  command.addHelpText('after', '\nExample (TS 35.208 test set 1, to a card whose last SQN was one SEQ earlier):\n' +
    '  akacore isim --k 465b5ce8b199b49faa5f0a2ee238a6bc --op cdc202d5123e20f62b6d676ac72cb318 \\\n' +
    '    --rand 23553cbe9637a89d218ae64dae47bf35 --autn 55f328b43577b9b94a9ffac354dfafb3 \\\n' +
    '    --sqn-ms ff9bb4d0b5e7');

  return command.action(isimAction);
}

/** The state of a card whose highest accepted SQN is `sqnMs`: only SEQ_MS(IND of it) is set. */
function stateWith(sqnMs: Uint8Array | undefined, indBits: number): IsimState {
  const seqMs = new Array<number>(2 ** indBits).fill(0);
  if (sqnMs !== undefined) {
    const { seq, ind } = splitSqn(sqnFromBytes(sqnMs), indBits);
    seqMs[ind] = seq;
  }
  return { indBits, seqMs };
}

async function isimAction(flags: IsimFlags): Promise<void> {
  if (flags.op === undefined && flags.opc === undefined) {
    throw new UsageError(`one of --op or --opc is required, ${hexSize(16)}`);
  }
  const k = parseHexOption('--k', flags.k, 16);
  const op = flags.op !== undefined ? parseHexOption('--op', flags.op, 16) : undefined;
  const opc = flags.opc !== undefined ? parseHexOption('--opc', flags.opc, 16) : undefined;
  const rand = parseHexOption('--rand', flags.rand, 16);
  const autn = parseHexOption('--autn', flags.autn, 16);
  const sqnMs = flags.sqnMs !== undefined ? parseHexOption('--sqn-ms', flags.sqnMs, 6) : undefined;
  const indBits = flags.indBits !== undefined
    ? parseIntegerOption('--ind-bits', flags.indBits, 0, 47, 'bits') : DEFAULT_IND_BITS;

  await init();
  const milenage = op ? Milenage.fromOp(k, op) : Milenage.fromOpc(k, opc!);
  try {
    const isim = Isim.fromState(milenage, stateWith(sqnMs, indBits), { amfSeparation: flags.amfSeparation === true });
    report(isim.authenticate(rand, autn), flags.json === true);
  } finally {
    milenage.dispose();
  }
}

/** Prints the result; a refusal also ends in an error, so that the command exits 1. */
function report(result: IsimResult, json: boolean): void {
  if (result.ok) {
    const fields = [
      { label: 'RES', key: 'res', value: result.res },
      { label: 'CK', key: 'ck', value: result.ck },
      { label: 'IK', key: 'ik', value: result.ik },
      { label: 'SQN', key: 'sqn', value: result.sqn },
    ];
    if (json) {
      process.stdout.write(JSON.stringify({ ok: true, ...Object.fromEntries(fields.map((f) => [f.key, toHex(f.value)])) }) + '\n');
    } else {
      printFields(fields, false);
    }
    return;
  }
  if (result.reason === 'sync') {
    if (json) process.stdout.write(JSON.stringify({ ok: false, reason: 'sync', cause: result.cause, auts: toHex(result.auts) }) + '\n');
    else process.stdout.write(formatLines([{ label: 'AUTS', key: 'auts', value: result.auts }]));
    throw new Error(`synchronisation failure (${result.cause}): send AUTS to the network`);
  }
  if (json) process.stdout.write(JSON.stringify({ ok: false, reason: result.reason }) + '\n');
  throw new Error(`authentication refused: ${result.reason}`);
}
