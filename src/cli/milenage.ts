// `akacore milenage`: every Milenage output (TS 35.206) and the AUTN (TS 33.102 clause 6.3.2) for
// one subscriber and one RAND, SQN and AMF.

import { Command, Option } from 'commander';
import init, { DEFAULT_CONSTANTS, Milenage, toHex } from '../index.js';
import type { MilenageConstants } from '../index.js';
import { UsageError } from './errors.js';
import { hexSize, parseHexOption, parseIntegerOption } from './options.js';
import { akaOutputFields, printFields } from './output.js';

const INDICES = [1, 2, 3, 4, 5] as const;
type Index = (typeof INDICES)[number];

/** The options as commander hands them over: strings, still to be checked. */
type MilenageOptions = {
  k: string; op?: string; opc?: string; rand: string; sqn: string; amf: string; json?: boolean;
} & Partial<Record<`c${Index}` | `r${Index}`, string>>;

/** Registers `milenage` on `program`. */
export function registerMilenage(program: Command): Command {
  const command = program
    .command('milenage')
    .summary('Milenage f1..f5*, OPc and AUTN for one subscriber (TS 35.206)')
    .description(
      'Computes OPc, MAC-A (f1), MAC-S (f1*), RES (f2), CK (f3), IK (f4), AK (f5),\n' +
      'AK* (f5*) of TS 35.206, and AUTN = SQN ^ AK || AMF || MAC-A (TS 33.102 6.3.2).\n' +
      'Hex values may carry a 0x prefix.',
    );

  command.optionsGroup('Subscriber:');
  command.addOption(new Option('--k <hex>', `subscriber key K, ${hexSize(16)}`).makeOptionMandatory());
  command.addOption(new Option('--op <hex>', `operator variant OP, ${hexSize(16)}`).conflicts('opc'));
  command.addOption(new Option('--opc <hex>', `OPc instead of OP, ${hexSize(16)}`).conflicts('op'));

  command.optionsGroup('Challenge:');
  command.requiredOption('--rand <hex>', `RAND, ${hexSize(16)}`);
  command.requiredOption('--sqn <hex>', `SQN, ${hexSize(6)}`);
  command.requiredOption('--amf <hex>', `AMF, ${hexSize(2)}`);

  command.optionsGroup('Operator constants (TS 35.206 clause 4.1):');
  for (const i of INDICES) {
    command.option(`--c${i} <hex>`, `c${i}, 16 bytes (default ${toHex(DEFAULT_CONSTANTS[`c${i}`])})`);
  }
  for (const i of INDICES) {
    command.option(`--r${i} <bits>`, `r${i}, rotation by 0 to 127 bits (default ${DEFAULT_CONSTANTS[`r${i}`]})`);
  }

  command.optionsGroup('Options:');
  command.option('--json', 'print one JSON object of lower-case hex strings');

  command.addHelpText('after', '\nExample (TS 35.208 test set 1):\n' +
    '  akacore milenage --k 465b5ce8b199b49faa5f0a2ee238a6bc \\\n' +
    '    --op cdc202d5123e20f62b6d676ac72cb318 --rand 23553cbe9637a89d218ae64dae47bf35 \\\n' +
    '    --sqn ff9bb4d0b607 --amf b9b9 --json');

  return command.action(milenageAction);
}

/** The operator constants given on the command line; the library fills in the rest. */
function parseConstants(options: MilenageOptions): Partial<MilenageConstants> | undefined {
  const constants: Partial<MilenageConstants> = {};
  let given = false;
  for (const i of INDICES) {
    const c = options[`c${i}`], r = options[`r${i}`];
    if (c !== undefined) {
      constants[`c${i}`] = parseHexOption(`--c${i}`, c, 16);
      given = true;
    }
    if (r !== undefined) {
      constants[`r${i}`] = parseIntegerOption(`--r${i}`, r, 0, 127, 'bits');
      given = true;
    }
  }
  return given ? constants : undefined;
}

async function milenageAction(options: MilenageOptions): Promise<void> {
  // Commander has checked the presence of --k, --rand, --sqn, --amf and that --op and --opc are
  // not both given; what is left is "neither", and the values themselves.
  if (options.op === undefined && options.opc === undefined) {
    throw new UsageError(`one of --op or --opc is required, ${hexSize(16)}`);
  }
  const k = parseHexOption('--k', options.k, 16);
  const op = options.op !== undefined ? parseHexOption('--op', options.op, 16) : undefined;
  const opc = options.opc !== undefined ? parseHexOption('--opc', options.opc, 16) : undefined;
  const rand = parseHexOption('--rand', options.rand, 16);
  const sqn = parseHexOption('--sqn', options.sqn, 6);
  const amf = parseHexOption('--amf', options.amf, 2);
  const constants = parseConstants(options);

  await init();
  const milenage = op ? Milenage.fromOp(k, op, constants) : Milenage.fromOpc(k, opc!, constants);
  try {
    const out = milenage.compute(rand, sqn, amf);
    const { autn } = milenage.vector(rand, sqn, amf);
    printFields([
      { label: 'OPc', key: 'opc', value: milenage.opc },
      ...akaOutputFields(out),
      { label: 'AUTN', key: 'autn', value: autn },
    ], options.json === true);
  } finally {
    milenage.dispose();
  }
}
