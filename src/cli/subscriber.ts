// The subscriber options shared by `akacore av` and `akacore resync`: K, OP or OPc, the algorithm
// set and the IND length, turned into an AkaAlgorithm.

import { Command, Option } from 'commander';
import { DEFAULT_IND_BITS, Milenage, XorAlgorithm } from '../index.js';
import type { AkaAlgorithm } from '../index.js';
import { UsageError } from './errors.js';
import { hexSize, parseHexOption, parseIntegerOption } from './options.js';

/** The subscriber options as commander hands them over. */
export interface SubscriberFlags {
  k: string;
  op?: string;
  opc?: string;
  algorithm: 'milenage' | 'xor';
  indBits: string;
}

/** Adds --k, --op / --opc, --algorithm and --ind-bits to `command`. */
export function addSubscriberOptions(command: Command): Command {
  command.optionsGroup('Subscriber:');
  command.addOption(new Option('--k <hex>', `subscriber key K, ${hexSize(16)}`).makeOptionMandatory());
  command.addOption(new Option('--op <hex>', `operator variant OP (Milenage), ${hexSize(16)}`).conflicts('opc'));
  command.addOption(new Option('--opc <hex>', `OPc instead of OP (Milenage), ${hexSize(16)}`).conflicts('op'));
  command.addOption(new Option('--algorithm <name>', 'algorithm set: milenage (TS 35.206) or xor (TS 34.108 8.1.2)')
    .choices(['milenage', 'xor']).default('milenage'));
  command.option('--ind-bits <n>', 'IND length in bits, SQN = SEQ || IND (TS 33.102 Annex C.1.2)', String(DEFAULT_IND_BITS));
  return command;
}

/** The IND length given by --ind-bits. */
export function indBitsOf(flags: SubscriberFlags): number {
  return parseIntegerOption('--ind-bits', flags.indBits, 0, 47, 'bits');
}

/** The subscriber's algorithm set, built from the flags (call after init()). */
export function subscriberAlgorithm(flags: SubscriberFlags): AkaAlgorithm {
  const k = parseHexOption('--k', flags.k, 16);
  if (flags.algorithm === 'xor') {
    if (flags.op !== undefined || flags.opc !== undefined) throw new UsageError('--op and --opc are for Milenage, not --algorithm xor');
    return new XorAlgorithm(k);
  }
  if (flags.op === undefined && flags.opc === undefined) {
    throw new UsageError(`one of --op or --opc is required, ${hexSize(16)}`);
  }
  return flags.op !== undefined
    ? Milenage.fromOp(k, parseHexOption('--op', flags.op, 16))
    : Milenage.fromOpc(k, parseHexOption('--opc', flags.opc!, 16));
}
