/**
 * Client-side limiter: keeps each operation within its `x-moe-limits.rate` windows by queueing (FIFO) instead of
 * letting MoEngage answer 429. Sliding windows: no span of a window's length ever holds more than its limit, so no
 * calendar-aligned window does either.
 */
interface Window {
  limit: number;
  ms: number;
  /** Counted in records (events) rather than requests. */
  weighted?: number;
  /** [time, cost] of recent sends, oldest first, and their total. */
  sent: [number, number][];
  used: number;
}

interface Bucket {
  windows: Window[];
  /** [records, go] of the waiting requests, first come first served. */
  queue: [number, () => void][];
  timer?: ReturnType<typeof setTimeout>;
}

/** Resolves when a request of `records` records may go; windows are `[limit, seconds, 1 when weighted]`. */
export type Throttle = (key: string, windows: number[][], records: number, signal?: AbortSignal) => Promise<void>;

export function createThrottle(now: () => number = Date.now): Throttle {
  const buckets: Record<string, Bucket> = {};

  const pump = (bucket: Bucket) => {
    clearTimeout(bucket.timer);
    for (let head; (head = bucket.queue[0]); ) {
      const time = now();
      let wait = 0;
      const costs = bucket.windows.map((window) => {
        const { sent } = window;
        // A request bigger than a whole window still goes, alone, rather than waiting forever.
        const cost = window.weighted ? Math.min(head[0], window.limit) : 1;
        while (sent[0] && sent[0][0] <= time - window.ms) window.used -= sent.shift()![1];
        // Wait until enough of the oldest sends leave the window.
        for (let i = 0, excess = window.used + cost - window.limit; excess > 0; i++) {
          excess -= sent[i]![1];
          wait = Math.max(wait, sent[i]![0] + window.ms - time);
        }
        return cost;
      });
      if (wait > 0) return void (bucket.timer = setTimeout(pump, wait, bucket));
      bucket.windows.forEach((window, i) => {
        window.sent.push([time, costs[i]!]);
        window.used += costs[i]!;
      });
      bucket.queue.shift()![1]();
    }
  };

  return (key, windows, records, signal) =>
    // The caller checks the signal just before: an abort can only come later, through the listener.
    new Promise((resolve, reject) => {
      const bucket = (buckets[key] ??= {
        windows: windows.map(([limit, seconds, weighted]) => ({ limit: limit!, ms: seconds! * 1000, weighted, sent: [], used: 0 })),
        queue: [],
      });
      const leave = () => {
        bucket.queue.splice(bucket.queue.indexOf(waiter), 1);
        reject(signal!.reason);
        pump(bucket);
      };
      const waiter: Bucket["queue"][number] = [
        records,
        () => {
          signal?.removeEventListener("abort", leave);
          resolve();
        },
      ];
      signal?.addEventListener("abort", leave);
      bucket.queue.push(waiter);
      pump(bucket);
    });
}
