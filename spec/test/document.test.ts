import { describe, expect, it } from "vitest";
import { expectedOperations } from "./operations.js";
import { bundle, createValidator, operations, resolve, type Json } from "./load.js";

const all = operations();
const byId = new Map(all.map((op) => [op.operation.operationId as string, op]));
const { compileAt } = createValidator();

describe("the bundled document", () => {
  it("is OpenAPI 3.1 with a data-center server variable", () => {
    expect(bundle.openapi).toBe("3.1.0");
    expect(bundle.servers[0].variables.dc.enum).toEqual(["01", "02", "03", "04", "05", "06", "101"]);
    expect(bundle.servers[0].variables.dc.default).toBe("01");
  });

  it("describes exactly the expected operations", () => {
    const actual = all.map(({ method, path, operation }) => ({ method, path, operationId: operation.operationId, tag: operation.tags?.[0] }));
    const key = (o: { method: string; path: string }) => `${o.method.toUpperCase()} ${o.path}`;
    expect(actual.map(key).sort()).toEqual(expectedOperations.map(key).sort());
    for (const expected of expectedOperations) {
      expect(actual.find((o) => key(o) === key(expected)), key(expected)).toEqual(expected);
    }
  });

  it("groups every tag under x-tagGroups", () => {
    const grouped = bundle["x-tagGroups"].flatMap((g: Json) => g.tags);
    for (const tag of bundle.tags) expect(grouped, tag.name).toContain(tag.name);
  });
});

describe.each(all.map((op) => [op.operation.operationId, op] as const))("%s", (_id, { operation, pathItem, path, method }) => {
  it("has a host, credentials and limits", () => {
    const servers = operation.servers ?? pathItem.servers ?? bundle.servers;
    expect(servers.length).toBeGreaterThan(0);
    for (const server of servers) expect(server.url).toMatch(/^https:\/\/[a-z-]*\{dc\}\.moengage\.com$/);

    expect(Array.isArray(operation.security)).toBe(true);
    const schemes = operation.security.flatMap((req: Json) => Object.keys(req));
    for (const name of schemes) {
      const scheme = bundle.components.securitySchemes[name];
      expect(scheme, name).toBeDefined();
      expect(scheme["x-moe-credential"] ?? scheme["x-moe-fill"], `${name} says what fills it`).toBeDefined();
    }
    const credentialFromScheme = schemes.some((name: string) => bundle.components.securitySchemes[name]["x-moe-credential"]);
    expect(credentialFromScheme || operation["x-moe-body-signature"] !== undefined || schemes.includes("reportSignatureHeader"), "a credential family").toBe(true);

    const limits = operation["x-moe-limits"];
    expect(Array.isArray(limits.rate)).toBe(true);
    for (const window of limits.rate) {
      expect(window.requests).toBeGreaterThan(0);
      expect(["second", "minute", "hour", "day"]).toContain(window.per);
      if (window.every !== undefined) expect(Number.isInteger(window.every) && window.every > 0).toBe(true);
    }
    if (limits.maxBodyBytes !== undefined) expect(Number.isInteger(limits.maxBodyBytes)).toBe(true);
    expect(typeof operation["x-moe-retry-safe"]).toBe("boolean");
    if (operation.deprecated) expect(byId.has(operation["x-moe-replaced-by"]), "deprecated points at its successor").toBe(true);
  });

  it("has valid request examples", () => {
    const body = resolve(operation.requestBody);
    if (!body) return;
    const media = body.content["application/json"];
    expect(media, "JSON request body").toBeDefined();
    const values = media.example !== undefined ? [media.example] : Object.values<Json>(media.examples ?? {}).map((e) => resolve(e).value);
    expect(values.length).toBeGreaterThan(0);
    const validate = compileAt("paths", path, method, "requestBody", "content", "application/json", "schema");
    for (const value of values) {
      expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it("has a valid example for every response body", () => {
    for (const [status, ref] of Object.entries<Json>(operation.responses)) {
      const response = resolve(ref);
      for (const [type, media] of Object.entries<Json>(response.content ?? {})) {
        const values = media.example !== undefined ? [media.example] : Object.values<Json>(media.examples ?? {}).map((e) => resolve(e).value);
        expect(values.length, `${status} ${type} example`).toBeGreaterThan(0);
        if (!type.includes("json")) continue;
        const validate = ajvForResponse(ref, path, method, status, type);
        for (const value of values) expect(validate(value), `${status}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
  });
});

function ajvForResponse(ref: Json, path: string, method: string, status: string, type: string) {
  if (ref.$ref) {
    const name = ref.$ref.split("/").pop();
    return compileAt("components", "responses", name, "content", type, "schema");
  }
  return compileAt("paths", path, method, "responses", status, "content", type, "schema");
}
