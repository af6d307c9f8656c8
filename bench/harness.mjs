// The measuring part shared by every suite: tinybench, sequentially, in this one process. Each
// scenario's tasks are measured in several short rounds, the task order rotating between rounds, so
// that a burst of load from elsewhere on the machine hits one round of one task rather than one
// task's whole figure; a task's rate is its best round and the slowest round is reported beside it.
import { Bench } from 'tinybench';

const env = (name, fallback) => Number(process.env[name] ?? fallback);

/** Budgets per task and round, overridable: BENCH_TIME_MS, BENCH_WARMUP_MS, BENCH_ROUNDS. */
export const budget = Object.freeze({
  rounds: env('BENCH_ROUNDS', 7),
  time: env('BENCH_TIME_MS', 250),
  warmupTime: env('BENCH_WARMUP_MS', 60),
  iterations: 5,
  warmupIterations: 3,
});

/** Keeps task results reachable so no engine can drop the work as dead code. */
export let sink;

/**
 * Measures tasks. Each task is `{ name, fn, units }`: one call of fn does `units` units of work
 * (vectors, packets, ...). Returns one row per task: `perSecond` (units per second from the mean
 * time per call of the best round, so garbage-collection pauses a task causes count against it),
 * `slowest` (the same for the worst round), `meanMs` and `rme` (of the best round) and `samples`
 * (calls timed, all rounds).
 * @param {string} name
 * @param {{ name: string, fn: () => unknown, units: number }[]} tasks
 */
export async function measure(name, tasks) {
  const rounds = new Map(tasks.map((task) => [task.name, []]));
  for (let round = 0; round < budget.rounds; round++) {
    const order = tasks.map((_, i) => tasks[(i + round) % tasks.length]);
    const { rounds: _, ...options } = budget;
    const bench = new Bench({ name, throws: true, ...options });
    for (const task of order) bench.add(task.name, () => { sink = task.fn(); });
    await bench.run();
    for (const task of order) {
      const result = bench.getTask(task.name).result;
      if (result.state !== 'completed') throw new Error(`${name} / ${task.name}: ${result.state} ${result.error ?? ''}`);
      rounds.get(task.name).push({
        perSecond: (task.units * 1000) / result.latency.mean,
        meanMs: result.latency.mean,
        rme: result.latency.rme,
        samples: result.latency.samplesCount,
      });
    }
  }
  return tasks.map((task) => {
    const runs = rounds.get(task.name);
    const best = runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    return {
      name: task.name,
      units: task.units,
      perSecond: best.perSecond,
      slowest: Math.min(...runs.map((r) => r.perSecond)),
      meanMs: best.meanMs,
      rme: best.rme,
      samples: runs.reduce((sum, r) => sum + r.samples, 0),
      rounds: runs.length,
    };
  });
}
