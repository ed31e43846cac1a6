import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    // Each file spawns real servers (and Prism); two cores run them best one file at a time.
    fileParallelism: false,
    // Bounds for Prism starts on a busy machine, not expectations of speed.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
