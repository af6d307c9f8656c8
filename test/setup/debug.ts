import { readFileSync } from 'node:fs';
import { initSync } from '../../src/index.js';

initSync(readFileSync(new URL('../../build/akacore.debug.wasm', import.meta.url)));
