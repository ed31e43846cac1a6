import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** What the fault server needs to know of one operation, read from the bundled spec. */
export interface SpecOperation {
  operationId: string;
  /** Lower case, as in the spec. */
  method: string;
  /** Path template, e.g. `/v1/transition/{workspace_id}`. */
  path: string;
  /** The operation's tag (Data, Push, Campaigns …): operations of a family share an error envelope. */
  family: string;
  maxBodyBytes?: number;
  softFailure?: { property: string; values: string[] };
  /** Documented JSON example bodies by status code. */
  examples: Map<string, unknown[]>;
  /** The first documented request body, if any. */
  requestExample?: unknown;
}

export interface SpecOperations {
  list: SpecOperation[];
  byId(operationId: string): SpecOperation;
  /** The operation a request is for; literal paths win over templates (`/v1/customer/merge` over `/v1/customer/{workspace_id}`). */
  match(method: string, pathname: string): SpecOperation | undefined;
  /** A documented body for `status`: the operation's own, else one of its family's. */
  example(operation: SpecOperation, status: number): unknown;
  /** The body of an HTTP 200 failure (`x-moe-soft-failure`), as the spec documents it. */
  softFailureBody(operation: SpecOperation): unknown;
}

const require = createRequire(import.meta.url);
export const readBundle = (): any => JSON.parse(readFileSync(require.resolve("@moekit/spec/openapi.json"), "utf8"));

const methods = ["get", "put", "post", "delete", "patch"];

export function loadSpecOperations(bundle: any = readBundle()): SpecOperations {
  const deref = (value: any): any =>
    value?.$ref ? deref(value.$ref.slice(2).split("/").reduce((node: any, key: string) => node[key.replaceAll("~1", "/")], bundle)) : value;

  const routes: { operation: SpecOperation; pattern: RegExp; templated: number }[] = [];
  for (const [path, item] of Object.entries<any>(bundle.paths)) {
    for (const method of methods) {
      const source = item[method];
      if (!source) continue;
      const examples = new Map<string, unknown[]>();
      for (const [status, response] of Object.entries<any>(source.responses ?? {})) {
        const media = deref(response).content?.["application/json"];
        if (!media) continue;
        const bodies = "example" in media ? [media.example] : Object.values<any>(media.examples ?? {}).map((example) => deref(example).value);
        if (bodies.length) examples.set(status, bodies);
      }
      const request = deref(source.requestBody)?.content?.["application/json"];
      const requestExample = request && ("example" in request ? request.example : deref(Object.values<any>(request.examples ?? {})[0])?.value);
      const operation: SpecOperation = {
        operationId: source.operationId,
        method,
        path,
        family: source.tags?.[0] ?? "",
        maxBodyBytes: source["x-moe-limits"]?.maxBodyBytes,
        softFailure: source["x-moe-soft-failure"],
        examples,
        requestExample,
      };
      const pattern = new RegExp("^" + path.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+") + "$");
      routes.push({ operation, pattern, templated: path.split("{").length - 1 });
    }
  }
  routes.sort((a, b) => a.templated - b.templated);
  const list = routes.map((route) => route.operation);
  const byId = new Map(list.map((operation) => [operation.operationId, operation]));

  const example = (operation: SpecOperation, status: number): unknown => {
    const own = operation.examples.get(String(status))?.[0];
    if (own !== undefined) return own;
    for (const other of list) {
      const body = other.family == operation.family ? other.examples.get(String(status))?.[0] : undefined;
      if (body !== undefined) return body;
    }
    return undefined;
  };

  const isFailure = (operation: SpecOperation, body: any) =>
    !!operation.softFailure && operation.softFailure.values.includes(body?.[operation.softFailure.property]);

  return {
    list,
    byId(operationId) {
      const operation = byId.get(operationId);
      if (!operation) throw new Error(`no operation ${operationId} in the spec`);
      return operation;
    },
    match(method, pathname) {
      return routes.find((route) => route.operation.method == method.toLowerCase() && route.pattern.test(pathname))?.operation;
    },
    example,
    softFailureBody(operation) {
      const { property, values } = operation.softFailure!;
      // The documented 200 failure first, then an error envelope that carries the same marker (Data's `status: "fail"`).
      const documented = [...(operation.examples.get("200") ?? []), ...[...operation.examples.values()].flat()];
      return documented.find((body) => isFailure(operation, body)) ?? { [property]: values[0] };
    },
  };
}
