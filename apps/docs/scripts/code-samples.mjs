// curl and TypeScript samples of an operation, derived from the bundle alone: its servers, security schemes,
// x-moe-* extensions and the first documented request example. The TypeScript sample shows only what the
// caller provides; the client fills the workspace id, host, keys and signatures.

const HTTP_METHODS = ["get", "put", "post", "delete", "patch"];
/** Shell variables of the curl samples; the guide's first request uses the same names. */
const SHELL = { workspaceId: "$WORKSPACE_ID", dataCenter: "$DC", signature: "$SIGNATURE" };
const keyVariable = (family) => `$${family.toUpperCase()}_API_KEY`;
/** Stands for a filled body field until the JSON is quoted. */
const fillMark = (name) => `<filled: ${name}>`;
/** The data center the TypeScript samples name; the comment beside it says how to find yours. */
const SAMPLE_DATA_CENTER = "01";

/** Follows a local `$ref` ("#/components/...") of the bundle. */
function resolver(document) {
  return (node) => {
    if (!node?.$ref) return node;
    if (!node.$ref.startsWith("#/")) throw new Error(`only local $refs are expected in the bundle: ${node.$ref}`);
    return node.$ref
      .slice(2)
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((value, key) => value?.[key], document);
  };
}

/** Every operation of the document with what a sample needs to know about it. */
export function describeOperations(document) {
  const resolve = resolver(document);
  const operations = [];
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
      const servers = operation.servers ?? pathItem.servers ?? document.servers ?? [];
      const liveServer = servers.find((server) => server["x-moe-environment"] !== "sandbox") ?? servers[0];
      const sandboxServer = servers.find((server) => server["x-moe-environment"] === "sandbox");
      const schemes = Object.keys((operation.security ?? document.security ?? [])[0] ?? {}).map((name) => {
        const scheme = resolve(document.components.securitySchemes[name]);
        if (!scheme) throw new Error(`${operation.operationId}: unknown security scheme ${name}`);
        return scheme;
      });
      const signature = operation["x-moe-body-signature"] ?? operation["x-moe-header-signature"];
      const families = new Set(schemes.map((scheme) => scheme["x-moe-credential"]).filter(Boolean));
      for (const part of signature?.parts ?? []) if (part.startsWith("credential.")) families.add(part.slice(11));
      operations.push({
        path,
        method,
        operation,
        operationId: operation.operationId,
        host: liveServer?.url,
        sandboxHost: sandboxServer?.url,
        parameters,
        schemes,
        families: [...families],
        signature,
        body: requestBody(operation, resolve),
        bodyFills: bodyFills(operation, resolve),
        binaryResponse: Object.entries(operation.responses ?? {}).some(
          ([status, response]) => status.startsWith("2") && Object.keys(resolve(response)?.content ?? {}).some((type) => !/json/.test(type)),
        ),
      });
    }
  }
  return operations;
}

/** The first documented example of the JSON request body, or undefined when the operation takes none. */
function requestBody(operation, resolve) {
  const requestBody = resolve(operation.requestBody);
  if (!requestBody?.content) return undefined;
  const [mediaType, media] = Object.entries(requestBody.content)[0];
  if (!/json/.test(mediaType)) throw new Error(`${operation.operationId}: no sample for a ${mediaType} body`);
  const example = media.example ?? resolve(Object.values(media.examples ?? {})[0])?.value ?? resolve(media.schema)?.example;
  if (example === undefined) throw new Error(`${operation.operationId}: the request body has no example`);
  return { mediaType, example };
}

/**
 * Top-level body properties the client fills: those marked `x-moe-fill` (the workspace id) and the signature
 * property of `x-moe-body-signature`, as a map from property name to the shell value a curl sample sends.
 */
function bodyFills(operation, resolve) {
  /** @type {Record<string, string>} */
  const fills = {};
  const visit = (node, depth = 0) => {
    const schema = resolve(node);
    if (!schema || depth > 8) return;
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      if (resolve(property)?.["x-moe-fill"] === "workspace-id") fills[name] = SHELL.workspaceId;
    }
    for (const member of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) visit(member, depth + 1);
  };
  const media = Object.values(resolve(operation.requestBody)?.content ?? {})[0];
  visit(media?.schema);
  const signature = operation["x-moe-body-signature"]?.property;
  if (signature) fills[signature] = SHELL.signature;
  return fills;
}

const isPlainObject = (value) => !!value && typeof value === "object" && !Array.isArray(value);
/** A copy of an object body without the fields the client fills; arrays and other bodies as they are. */
const withoutFills = (example, fills) =>
  isPlainObject(example) ? Object.fromEntries(Object.entries(example).filter(([name]) => !(name in fills))) : example;

const isFilled = (parameter) => parameter["x-moe-fill"] === "workspace-id";
/** Parameters the caller provides: required ones the client does not fill. */
const callerParameters = (described) => described.parameters.filter((parameter) => parameter.required && !isFilled(parameter));
const exampleOf = (parameter, operationId) => {
  const value = parameter.example ?? Object.values(parameter.examples ?? {})[0]?.value ?? parameter.schema?.example;
  if (value === undefined) throw new Error(`${operationId}: required parameter ${parameter.name} has no example`);
  return value;
};

// ---------------------------------------------------------------------------------------------------------------
// curl

/** Escapes text for a double-quoted shell word (the variables we add stay outside of it). */
const shellDouble = (text) => String(text).replace(/[\\"$`]/g, (character) => "\\" + character);
/** Escapes text for a single-quoted shell word. */
const shellSingle = (text) => String(text).replaceAll("'", `'\\''`);

export function curlSample(described) {
  const { operationId, method, path, parameters, schemes, signature, body } = described;
  const lines = [];
  const valueOf = (parameter) => (isFilled(parameter) ? SHELL.workspaceId : shellDouble(encodeURIComponent(exampleOf(parameter, operationId))));

  if (signature) {
    const parts = signature.parts.map((part) => {
      const [source, name] = part.split(".");
      if (source === "workspace-id") return SHELL.workspaceId;
      if (source === "credential") return keyVariable(name);
      if (source === "body") return described.bodyFills[name] ?? shellDouble(body?.example?.[name] ?? "");
      if (source === "path") return shellDouble(exampleOf(parameters.find((parameter) => parameter.name === name), operationId));
      throw new Error(`${operationId}: unknown signature part ${part}`);
    });
    lines.push(`# hex SHA-256 of ${signature.parts.map((part) => describePart(part, described.bodyFills)).join("|")}`);
    lines.push(`SIGNATURE=$(printf '%s' "${parts.join("|")}" | sha256sum | cut -d' ' -f1)`);
    lines.push("");
  }

  let url = described.host.replace("{dc}", SHELL.dataCenter) + path;
  for (const parameter of parameters.filter((parameter) => parameter.in === "path")) {
    url = url.replace(`{${parameter.name}}`, valueOf(parameter));
  }
  const query = parameters
    .filter((parameter) => parameter.in === "query" && (parameter.required || isFilled(parameter)))
    .map((parameter) => `${encodeURIComponent(parameter.name)}=${valueOf(parameter)}`);
  if (query.length) url += "?" + query.join("&");

  const options = [];
  for (const scheme of schemes) {
    if (scheme.type === "http" && scheme.scheme === "basic") {
      options.push(`-u "${SHELL.workspaceId}:${keyVariable(scheme["x-moe-credential"])}"`);
    } else if (scheme.type === "apiKey" && scheme.in === "header") {
      const fill = scheme["x-moe-fill"];
      if (fill === "workspace-id") options.push(`-H "${scheme.name}: ${SHELL.workspaceId}"`);
      else if (fill === "push-signature" || fill === "report-signature") options.push(`-H "${scheme.name}: ${SHELL.signature}"`);
      else throw new Error(`${operationId}: no sample for the header scheme ${scheme.name}`);
    } else {
      throw new Error(`${operationId}: no sample for a ${scheme.type} security scheme`);
    }
  }
  for (const parameter of callerParameters(described).filter((parameter) => parameter.in === "header")) {
    options.push(`-H "${parameter.name}: ${shellDouble(exampleOf(parameter, operationId))}"`);
  }
  if (body) {
    options.push(`-H "Content-Type: ${body.mediaType}"`);
    // Filled fields hold a marker until the JSON is quoted, then become their shell variable.
    const marks = Object.fromEntries(Object.keys(described.bodyFills).map((name) => [name, fillMark(name)]));
    const payload = isPlainObject(body.example) ? { ...body.example, ...marks } : body.example;
    let json = shellSingle(JSON.stringify(payload, null, 2).replaceAll("\n", "\n  "));
    for (const [name, variable] of Object.entries(described.bodyFills)) {
      json = json.replace(JSON.stringify(fillMark(name)), `"'"${variable}"'"`);
    }
    options.push(`-d '${json}'`);
  }
  if (described.binaryResponse) {
    // A file download: save it under the file name of the request, or a neutral one.
    const filename = parameters.find((parameter) => parameter.name === "filename");
    options.push(`-o "${filename ? shellDouble(exampleOf(filename, operationId)) : "response.bin"}"`);
  }

  const command = method === "get" && !body ? `curl "${url}"` : `curl -X ${method.toUpperCase()} "${url}"`;
  lines.push([command, ...options].join(" \\\n  "));
  if (described.sandboxHost) {
    lines.push(`# Sandbox: the same request to ${described.sandboxHost.replace("{dc}", SHELL.dataCenter)}`);
  }
  return lines.join("\n") + "\n";
}

const describePart = (part, bodyFills) => {
  const [source, name] = part.split(".");
  if (source === "workspace-id" || (source === "body" && bodyFills[name] === SHELL.workspaceId)) return "<Workspace ID>";
  if (source === "credential") return `<${name[0].toUpperCase() + name.slice(1)} API key>`;
  return `<${name}>`;
};

// ---------------------------------------------------------------------------------------------------------------
// TypeScript

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Prints a JSON value as a TypeScript literal, indented by `indent` spaces. */
function typescriptLiteral(value, indent = 0) {
  const pad = " ".repeat(indent + 2);
  const close = " ".repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => pad + typescriptLiteral(item, indent + 2)).join(",\n")},\n${close}]`;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const printed = entries.map(([key, item]) => `${pad}${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${typescriptLiteral(item, indent + 2)}`);
    return `{\n${printed.join(",\n")},\n${close}}`;
  }
  return JSON.stringify(value);
}

export function typescriptSample(described) {
  const { operationId, body, families, operation } = described;

  const params = {};
  for (const parameter of callerParameters(described)) {
    (params[parameter.in] ??= {})[parameter.name] = exampleOf(parameter, operationId);
  }
  const init = {};
  if (Object.keys(params).length) init.params = params;
  if (body) init.body = withoutFills(body.example, described.bodyFills);

  const credentials = families.map((family) => `${family}: process.env.${keyVariable(family).slice(1)}!`).join(", ");
  const lines = [
    `import { createMoEngageClient } from "@moekit/client";`,
    ``,
    `const client = createMoEngageClient({`,
    `  workspaceId: process.env.WORKSPACE_ID!,`,
    `  dataCenter: "${SAMPLE_DATA_CENTER}", // as in dashboard-${SAMPLE_DATA_CENTER}.moengage.com`,
    `  credentials: { ${credentials} },`,
    ...(described.sandboxHost ? [`  // sandbox: true, // sends to ${described.sandboxHost} instead`] : []),
    `});`,
    ``,
  ];
  if (operation.deprecated && operation["x-moe-replaced-by"]) {
    lines.push(`// Deprecated: new integrations call client.${operation["x-moe-replaced-by"]}.`);
  }
  const argument = Object.keys(init).length ? typescriptLiteral(init) : "";
  lines.push(`const { data, error } = await client.${operationId}(${argument});`);
  lines.push(`if (error) throw error;`);
  lines.push(`console.log(data);`);
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------------------------

/** The x-codeSamples of one operation: curl first, then TypeScript. */
export function codeSamples(described) {
  if (!described.host) throw new Error(`${described.operationId}: no server`);
  return [
    { lang: "Shell", label: "curl", source: curlSample(described) },
    { lang: "TypeScript", label: "TypeScript", source: typescriptSample(described) },
  ];
}
