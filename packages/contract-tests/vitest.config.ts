import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    // Prism starts in about two seconds, but several times slower on a busy machine: never a reason to fail.
    hookTimeout: 240_000,
    testTimeout: 240_000,
    projects: [
      {
        extends: true,
        test: {
          name: "contract",
          include: ["test/**/*.test.ts"],
          exclude: ["test/coverage.test.ts"],
          globalSetup: ["src/global-setup.ts"],
        },
      },
      {
        // Runs after every contract test has recorded its calls.
        extends: true,
        test: {
          name: "coverage",
          include: ["test/coverage.test.ts"],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
