import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    // The end-to-end and browser tests run git, Redocly and Chromium: slower than unit tests, never timed.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
