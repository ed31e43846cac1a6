import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    // Each suite starts Prism (~2 s) and waits out real client timeouts; bounds, not measurements.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
