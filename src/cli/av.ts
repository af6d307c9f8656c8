// `akacore av`: a batch of authentication vectors for one subscriber (TS 33.102 clause 6.3.2),
// their sequence numbers following the subscriber's SQN_HE as Annex C.1 says, and the SQN_HE to
// store afterwards.

import { Command } from 'commander';
import init, { generateVectors, initialSqnState, sqnFromBytes, sqnOfState, sqnToBytes, toHex } from '../index.js';
import type { HssVector } from '../index.js';
import { addSubscriberOptions, indBitsOf, subscriberAlgorithm } from './subscriber.js';
import type { SubscriberFlags } from './subscriber.js';
import { UsageError } from './errors.js';
import { hexSize, parseHexOption, parseIntegerOption } from './options.js';
import { formatLines } from './output.js';

type AvFlags = SubscriberFlags & { sqn: string; amf: string; count: string; ind?: string; csv?: boolean; json?: boolean };

const MAX_COUNT = 100_000;
const COLUMNS = ['sqn', 'rand', 'xres', 'ck', 'ik', 'ak', 'autn'] as const;

/** Registers `av` on `program`. */
export function registerAv(program: Command): Command {
  const command = program
    .command('av')
    .summary('a batch of authentication vectors and the next SQN (TS 33.102 6.3.2, Annex C.1)')
    .description(
      'Generates --count authentication vectors (RAND, XRES, CK, IK, AK, AUTN) with fresh random RANDs.\n' +
      'Their SQNs follow the subscriber\'s SQN_HE (--sqn, the last SQN issued): SEQ counts up by one per\n' +
      'vector, IND is the next after SQN_HE\'s or --ind (TS 33.102 Annex C.1). Prints the vectors in the\n' +
      'order the serving node must use them, and the new SQN_HE to store.',
    );
  addSubscriberOptions(command);
  command.optionsGroup('Batch:');
  command.requiredOption('--sqn <hex>', `SQN_HE, the last SQN issued to the subscriber, ${hexSize(6)}`);
  command.requiredOption('--amf <hex>', `AMF, ${hexSize(2)} (8000 sets the separation bit for EPS / 5G)`);
  command.requiredOption('--count <n>', `number of vectors, 1 to ${MAX_COUNT}`);
  command.option('--ind <n>', 'IND for the requesting node, instead of the next in turn');
  command.optionsGroup('Output:');
  command.option('--csv', 'one CSV line per vector, with a header');
  command.option('--json', 'one JSON object: { vectors: [...], sqn } in lower-case hex');
  command.addHelpText('after', '\nExample:\n' +
    '  akacore av --k 465b5ce8b199b49faa5f0a2ee238a6bc --op cdc202d5123e20f62b6d676ac72cb318 \\\n' +
    '    --sqn 000000000020 --amf 8000 --count 5');
  return command.action(avAction);
}

async function avAction(flags: AvFlags): Promise<void> {
  if (flags.csv && flags.json) throw new UsageError('give at most one of --csv and --json');
  const indBits = indBitsOf(flags);
  const sqn = parseHexOption('--sqn', flags.sqn, 6);
  const amf = parseHexOption('--amf', flags.amf, 2);
  const count = parseIntegerOption('--count', flags.count, 1, MAX_COUNT, 'vectors');
  const ind = flags.ind === undefined ? undefined : parseIntegerOption('--ind', flags.ind, 0, 2 ** indBits - 1, 'values');
  await init();
  const state = initialSqnState(sqnFromBytes(sqn), indBits);
  const algorithm = subscriberAlgorithm(flags);
  try {
    const policy = ind === undefined ? {} : { node: 'cli', nodes: { cli: ind } };
    const result = generateVectors(algorithm, state, { count, amf, ...policy });
    const next = toHex(sqnToBytes(sqnOfState(result.state)));
    process.stdout.write(flags.json ? json(result.vectors, next) : flags.csv ? csv(result.vectors) : lines(result.vectors, next));
  } finally {
    algorithm.dispose();
  }
}

function fields(v: HssVector): Record<(typeof COLUMNS)[number], string> {
  return {
    sqn: toHex(sqnToBytes(v.sqn)), rand: toHex(v.rand), xres: toHex(v.xres), ck: toHex(v.ck), ik: toHex(v.ik),
    ak: toHex(v.ak), autn: toHex(v.autn),
  };
}

function json(vectors: HssVector[], next: string): string {
  return JSON.stringify({ vectors: vectors.map(fields), sqn: next }) + '\n';
}

function csv(vectors: HssVector[]): string {
  return [COLUMNS.join(','), ...vectors.map((v) => COLUMNS.map((c) => fields(v)[c]).join(','))].join('\n') + '\n';
}

function lines(vectors: HssVector[], next: string): string {
  const blocks = vectors.map((v, i) => `# vector ${i + 1}\n` + formatLines([
    { label: 'SQN', key: 'sqn', value: sqnToBytes(v.sqn) }, { label: 'RAND', key: 'rand', value: v.rand },
    { label: 'XRES', key: 'xres', value: v.xres }, { label: 'CK', key: 'ck', value: v.ck },
    { label: 'IK', key: 'ik', value: v.ik }, { label: 'AK', key: 'ak', value: v.ak },
    { label: 'AUTN', key: 'autn', value: v.autn },
  ]));
  return blocks.join('\n') + `\nnext SQN_HE  ${next}\n`;
}
