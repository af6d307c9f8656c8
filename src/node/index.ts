// akacore/node: what only runs on Node.js (worker threads). Browser bundles import 'akacore' and
// never see this file or its node: imports.
export { HssPool } from './hss-pool.js';
export type { HssPoolOptions } from './hss-pool.js';
export type { PoolBatchInput } from '../hss-parts.js';
