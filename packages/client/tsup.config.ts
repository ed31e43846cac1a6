import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  // Readable output; consumers minify. The size test minifies it to check the budget.
  minify: false,
  treeshake: true,
});
