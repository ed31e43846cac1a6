import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    // The browser test walks all operations in Chromium and the sample checks run tsc and Prism: slow, never timed.
    // One file at a time, so that Chromium, Prism and tsc do not compete for the machine's two cores.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
