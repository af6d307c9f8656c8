// The measuring part shared by every suite: tinybench, run sequentially in this one process, one
// Bench per scenario so the implementations compared in a row of the report were measured back to
// back under the same conditions.
import { Bench } from 'tinybench';

/** Time budgets, overridable for quick looks: BENCH_TIME_MS, BENCH_WARMUP_MS. */
export const budget = Object.freeze({
  time: Number(process.env.BENCH_TIME_MS ?? 800),
  warmupTime: Number(process.env.BENCH_WARMUP_MS ?? 300),
  iterations: 10,
  warmupIterations: 5,
});

/** Keeps task results reachable so no engine can drop the work as dead code. */
export let sink;

/**
 * Measures tasks. Each task is `{ name, fn, units }`: one call of fn does `units` units of work
 * (vectors, packets, ...). Returns one row per task with the rate in units per second, from the
 * mean latency (so garbage-collection pauses an implementation causes are counted against it).
 * @param {string} name
 * @param {{ name: string, fn: () => unknown, units: number }[]} tasks
 */
export async function measure(name, tasks) {
  const bench = new Bench({ name, throws: true, ...budget });
  for (const task of tasks) bench.add(task.name, () => { sink = task.fn(); });
  await bench.run();
  return tasks.map((task) => {
    const result = bench.getTask(task.name).result;
    if (result.state !== 'completed') throw new Error(`${name} / ${task.name}: ${result.state} ${result.error ?? ''}`);
    const meanMs = result.latency.mean;
    return {
      name: task.name,
      units: task.units,
      perSecond: (task.units * 1000) / meanMs,
      meanMs,
      p50Ms: result.latency.p50,
      rme: result.latency.rme,
      samples: result.latency.samplesCount,
    };
  });
}
