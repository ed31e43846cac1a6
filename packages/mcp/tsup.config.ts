import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/bin.ts"],
  format: ["esm"],
  dts: { entry: "src/index.ts" },
  clean: true,
  target: "node20",
  platform: "node",
  // @moekit/mock-server is private: its code ships inside dist so the published package starts Prism itself.
  noExternal: ["@moekit/mock-server"],
});
