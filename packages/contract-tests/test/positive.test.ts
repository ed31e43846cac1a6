// Every operation, sent by the real client with its documented request, gets its documented success response.
import { MoEngageAPIError } from "@moekit/client";
import { describe, expect, inject, it } from "vitest";
import { isSoftFailure, listOperations, type ContractOperation, type NamedExample } from "../src/bundle.js";
import { operationCases } from "../src/cases.js";
import { callOperation, contractClient } from "../src/contract-client.js";
import { documentedParams, documentedRequestId } from "../src/requests.js";

const operations = new Map(listOperations().map((operation) => [operation.operationId, operation]));
const client = contractClient({ baseUrl: inject("mockUrl"), kind: "positive" });

type Result = Awaited<ReturnType<typeof callOperation>>;

/** The call returned the documented success example: as data, or as the error a 200 failure body must become. */
async function expectDocumentedSuccess(operation: ContractOperation, result: Result, example: NamedExample | undefined) {
  const status = Number(operation.success.status);
  if (example && isSoftFailure(operation, example.value)) {
    expect(result.error).toBeInstanceOf(MoEngageAPIError);
    expect(result.error).toMatchObject({ status, operationId: operation.operationId });
    expect(result.error?.requestId).toBe(documentedRequestId(example.value));
    expect(result.error?.body).toEqual(example.value);
    return;
  }
  expect(result.error).toBeUndefined();
  expect(result.response?.status).toBe(status);
  if (!operation.success.mediaType) {
    expect(result.data).toBeUndefined();
  } else if (operation.success.mediaType.includes("json")) {
    expect(result.data).toEqual(example?.value);
  } else {
    // A download: the client hands back the bytes Prism sent, which are the documented example.
    expect(result.data).toBeInstanceOf(Blob);
    expect(result.response?.headers.get("content-type")).toBe(operation.success.mediaType);
    expect(Buffer.from(await (result.data as Blob).arrayBuffer()).toString("utf8")).toBe(example?.value);
  }
}

describe.each(Object.keys(operationCases))("%s", (operationId) => {
  const operation = operations.get(operationId);
  if (!operation) {
    it("is an operation of the spec", () => expect.fail(`${operationId} has a case but is not in the bundle`));
    return;
  }
  const params = documentedParams(operation);
  const [firstResponse, ...otherResponses] = operation.success.examples;
  const status = operation.success.status;

  if (operation.requestSchemaPointer) {
    it("documents at least one request example", () => expect(operation.requestExamples.length).toBeGreaterThan(0));
  }
  const requests = operation.requestSchemaPointer ? operation.requestExamples : [undefined];
  for (const request of requests) {
    const sent = request ? `request example "${request.name}"` : "its documented parameters";
    const expected = firstResponse ? `${status} example "${firstResponse.name}"` : `${status} without a body`;
    it(`sends ${sent} and gets the documented ${expected}`, async () => {
      const result = await callOperation(client, operationId, { params, body: request?.value });
      await expectDocumentedSuccess(operation, result, firstResponse);
    });
  }

  for (const response of otherResponses) {
    it(`returns the documented ${status} example "${response.name}" when it is the one asked for`, async () => {
      const result = await callOperation(client, operationId, {
        params,
        body: operation.requestExamples[0]?.value,
        headers: { Prefer: `example=${response.name}` },
      });
      await expectDocumentedSuccess(operation, result, response);
    });
  }
});
