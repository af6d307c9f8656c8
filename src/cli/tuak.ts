// `akacore tuak`: every TUAK output (TS 35.231) for one subscriber and one RAND, SQN and AMF, and
// the AUTN (TS 33.102 clause 6.3.2) when MAC-A has the 64 bits that AUTN carries.

import { Command, Option } from 'commander';
import init, { buildAutn, fromHex, Tuak, TUAK_DEFAULTS } from '../index.js';
import type { TuakOptions } from '../index.js';
import { UsageError } from './errors.js';
import { hexSize, parseHexOption, parseIntegerOption } from './options.js';
import { akaOutputFields, printFields } from './output.js';
import type { Field } from './output.js';

/** The options as commander hands them over: strings, still to be checked. */
interface TuakCliOptions {
  k: string; top?: string; topc?: string; rand: string; sqn: string; amf: string; json?: boolean;
  macBits?: string; resBits?: string; ckBits?: string; ikBits?: string; iterations?: string;
}

/** The TUAK choices, their option names and the values TS 35.231 clause 5.1 allows. */
const LENGTH_OPTIONS = [
  { key: 'macBits', flag: '--mac-bits', allowed: [64, 128, 256], what: 'MAC-A and MAC-S (f1, f1*)' },
  { key: 'resBits', flag: '--res-bits', allowed: [32, 64, 128, 256], what: 'RES (f2)' },
  { key: 'ckBits', flag: '--ck-bits', allowed: [128, 256], what: 'CK (f3)' },
  { key: 'ikBits', flag: '--ik-bits', allowed: [128, 256], what: 'IK (f4)' },
] as const;

/** Registers `tuak` on `program`. */
export function registerTuak(program: Command): Command {
  const command = program
    .command('tuak')
    .summary('TUAK f1..f5*, TOPc and AUTN for one subscriber (TS 35.231)')
    .description(
      'Computes TOPc, MAC-A (f1), MAC-S (f1*), RES (f2), CK (f3), IK (f4), AK (f5) and\n' +
      'AK* (f5*) of TS 35.231, and with a 64-bit MAC, AUTN = SQN ^ AK || AMF || MAC-A\n' +
      '(TS 33.102 6.3.2). K is 16 or 32 bytes. Hex values may carry a 0x prefix.',
    );

  command.optionsGroup('Subscriber:');
  command.addOption(new Option('--k <hex>', 'subscriber key K, 16 or 32 bytes (32 or 64 hex digits)').makeOptionMandatory());
  command.addOption(new Option('--top <hex>', `operator variant TOP, ${hexSize(32)}`).conflicts('topc'));
  command.addOption(new Option('--topc <hex>', `TOPc instead of TOP, ${hexSize(32)}`).conflicts('top'));

  command.optionsGroup('Challenge:');
  command.requiredOption('--rand <hex>', `RAND, ${hexSize(16)}`);
  command.requiredOption('--sqn <hex>', `SQN, ${hexSize(6)}`);
  command.requiredOption('--amf <hex>', `AMF, ${hexSize(2)}`);

  command.optionsGroup('Operator choices (TS 35.231 clause 5.1):');
  for (const { key, flag, allowed, what } of LENGTH_OPTIONS) {
    command.option(`${flag} <bits>`, `${what}: ${allowed.join(', ')} (default ${TUAK_DEFAULTS[key]})`);
  }
  command.option('--iterations <n>', `Keccak iterations, 1 to 255 (default ${TUAK_DEFAULTS.iterations})`);

  command.optionsGroup('Options:');
  command.option('--json', 'print one JSON object of lower-case hex strings');

  command.addHelpText('after', '\nExample (TS 35.233 test set 2):\n' +
    '  akacore tuak --k fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0efeeedecebeae9e8e7e6e5e4e3e2e1e0 \\\n' +
    '    --top 808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f \\\n' +
    '    --rand 0123456789abcdef0123456789abcdef --sqn 0123456789ab --amf abcd \\\n' +
    '    --mac-bits 128 --res-bits 64 --json');

  return command.action(tuakAction);
}

/** K: hex of 16 or 32 bytes; the error names --k and both sizes, never the value. */
function parseKey(value: string): Uint8Array {
  let k: Uint8Array;
  try {
    k = fromHex(value, '--k');
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
  if (k.length !== 16 && k.length !== 32) {
    throw new UsageError(`--k must be 16 or 32 bytes (32 or 64 hex digits), got ${k.length}`);
  }
  return k;
}

/** The operator choices given on the command line; the library fills in the rest. */
function parseChoices(options: TuakCliOptions): TuakOptions {
  const choices: TuakOptions = {};
  for (const { key, flag, allowed } of LENGTH_OPTIONS) {
    const value = options[key];
    if (value === undefined) continue;
    const bits = parseIntegerOption(flag, value, allowed[0], allowed[allowed.length - 1]!, 'bits');
    if (!(allowed as readonly number[]).includes(bits)) {
      throw new UsageError(`${flag} must be ${allowed.join(', ')} bits, got ${bits}`);
    }
    choices[key] = bits;
  }
  if (options.iterations !== undefined) {
    choices.iterations = parseIntegerOption('--iterations', options.iterations, 1, 255, 'iterations');
  }
  return choices;
}

async function tuakAction(options: TuakCliOptions): Promise<void> {
  // Commander has checked the presence of --k, --rand, --sqn, --amf and that --top and --topc are
  // not both given; what is left is "neither", and the values themselves.
  if (options.top === undefined && options.topc === undefined) {
    throw new UsageError(`one of --top or --topc is required, ${hexSize(32)}`);
  }
  const k = parseKey(options.k);
  const top = options.top !== undefined ? parseHexOption('--top', options.top, 32) : undefined;
  const topc = options.topc !== undefined ? parseHexOption('--topc', options.topc, 32) : undefined;
  const rand = parseHexOption('--rand', options.rand, 16);
  const sqn = parseHexOption('--sqn', options.sqn, 6);
  const amf = parseHexOption('--amf', options.amf, 2);
  const choices = parseChoices(options);

  await init();
  const tuak = top ? Tuak.fromTop(k, top, choices) : Tuak.fromTopc(k, topc!, choices);
  try {
    const out = tuak.compute(rand, sqn, amf);
    const fields: Field[] = [
      { label: 'TOPc', key: 'topc', value: tuak.topc },
      ...akaOutputFields(out),
    ];
    if (out.macA.length === 8) fields.push({ label: 'AUTN', key: 'autn', value: buildAutn(sqn, out.ak, amf, out.macA) });
    printFields(fields, options.json === true);
  } finally {
    tuak.dispose();
  }
}
