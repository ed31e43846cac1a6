export function readBundle(): unknown;
export function render(document?: unknown, warn?: (message: string) => void): Promise<Record<"schema.ts" | "operations.ts", string>>;
export function collectOperations(document: unknown): { hosts: Record<string, string>; operations: { id: string; facts: Record<string, unknown> }[] };
