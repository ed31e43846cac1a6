import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    // Smoke runs start Prism, tsc and Chromium: slower than unit tests, never timed.
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
