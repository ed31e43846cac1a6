import { defineConfig } from "vitest/config";

// `pnpm soak`: the 100 000-event run, never part of `pnpm test`.
export default defineConfig({
  test: {
    include: ["soak/**/*.soak.ts"],
    reporters: ["default"],
    // The bound on the whole run: the throttle alone holds 100 000 events to about a minute and a half.
    testTimeout: 600_000,
    hookTimeout: 60_000,
  },
});
