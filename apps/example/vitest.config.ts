import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    // Each test runs the app as a child process, some with Prism (slow to start on a busy machine); never timed.
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
