import { fileURLToPath } from "node:url";

/** The bench package's folder, the same from src/ (tests) and dist/ (built benchmarks). */
export const benchDir = fileURLToPath(new URL("..", import.meta.url));
/** The repository root. */
export const repoDir = fileURLToPath(new URL("../..", import.meta.url));

export function median(samples: readonly number[]): number {
  if (!samples.length) throw new Error("median of no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Milliseconds that `work` took. */
export async function elapsed(work: () => unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

// `pnpm bench` runs node with --expose-gc: collecting before each run keeps one run's garbage out of the next.
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});

/**
 * Runs every contender once per round, reversing the order each round so that drift (heat, other load, JIT) falls
 * on both sides; returns each contender's samples in round order.
 */
export async function alternate<K extends string>(rounds: number, contenders: Record<K, () => Promise<number>>): Promise<Record<K, number[]>> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 ? [...names].reverse() : names) {
      collectGarbage();
      samples[name].push(await contenders[name]());
    }
  }
  return samples;
}

/** The median of per-round ratios `a[i] / b[i]`: each ratio pairs runs made close together. */
export const pairedRatio = (a: readonly number[], b: readonly number[]): number => median(a.map((value, round) => value / b[round]!));

/** Runs `task(index)` for index 0 … count-1 with at most `concurrency` in flight. */
export async function runPool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
