import { startMockServer } from "@moekit/mock-server";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the one Prism mock of the bundled spec that every suite's fault server forwards to. */
    mockUrl: string;
  }
}

/** One Prism for the whole run: starting one per suite costs seconds each on a small machine. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mock = await startMockServer();
  project.provide("mockUrl", mock.url);
  return () => mock.stop();
}
