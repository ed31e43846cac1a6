export interface MockServerOptions {
  /** Spec to serve; defaults to the bundle exported by `@moekit/spec`. */
  spec?: string;
  host?: string;
  /** Defaults to a free port. */
  port?: number;
  /** Proxy to this upstream with `--errors` (validates both directions) instead of mocking. */
  upstream?: string;
  /** Let Prism invent response data instead of returning the documented examples. */
  dynamic?: boolean;
  startTimeoutMs?: number;
  onLog?: (line: string) => void;
}

export interface MockServer {
  url: string;
  port: number;
  pid: number | undefined;
  /** The last lines Prism printed. */
  output(): string;
  stop(): Promise<void>;
}

export const bundledSpecPath: string;
export function freePort(host?: string): Promise<number>;
export function startMockServer(options?: MockServerOptions): Promise<MockServer>;
