// Output of the commands: aligned "NAME  hex" lines for people, or one JSON object with lower-case
// hex strings for programs.

import { toHex } from '../index.js';
import type { AkaOutputs } from '../index.js';

/** One output field: `label` for the human form, `key` for the JSON form. */
export interface Field {
  label: string;
  key: string;
  value: Uint8Array;
}

/** The fields as aligned "NAME  hex" lines, each ending in a newline. */
export function formatLines(fields: readonly Field[]): string {
  const width = Math.max(0, ...fields.map((f) => f.label.length));
  return fields.map((f) => `${f.label.padEnd(width)}  ${toHex(f.value)}\n`).join('');
}

/** The fields as one JSON object on one line, keys in the given order, values lower-case hex. */
export function formatJson(fields: readonly Field[]): string {
  return JSON.stringify(Object.fromEntries(fields.map((f) => [f.key, toHex(f.value)]))) + '\n';
}

/** Writes the fields to stdout, as JSON when `json` is set. */
export function printFields(fields: readonly Field[], json: boolean): void {
  process.stdout.write(json ? formatJson(fields) : formatLines(fields));
}

/** The outputs of f1..f5* as fields, in the order of TS 33.102 clause 6.3.2: MAC-A, MAC-S, RES, CK, IK, AK, AK*. */
export function akaOutputFields(out: AkaOutputs): Field[] {
  return [
    { label: 'MAC-A', key: 'macA', value: out.macA },
    { label: 'MAC-S', key: 'macS', value: out.macS },
    { label: 'RES', key: 'res', value: out.res },
    { label: 'CK', key: 'ck', value: out.ck },
    { label: 'IK', key: 'ik', value: out.ik },
    { label: 'AK', key: 'ak', value: out.ak },
    { label: 'AK*', key: 'akStar', value: out.akStar },
  ];
}
