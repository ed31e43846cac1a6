// Every way the spec says an operation fails, reached through Prism and surfacing as the client's typed error.
import {
  MoEngageAPIError,
  MoEngageAuthenticationError,
  MoEngageBadRequestError,
  MoEngageConflictError,
  MoEngageNotFoundError,
  MoEngagePayloadTooLargeError,
  MoEngagePermissionDeniedError,
  MoEngageRateLimitError,
  MoEngageServerError,
  MoEngageUnsupportedMediaTypeError,
} from "@moekit/client";
import { describe, expect, inject, it } from "vitest";
import { listOperations } from "../src/bundle.js";
import { operationCases } from "../src/cases.js";
import { callOperation, contractClient } from "../src/contract-client.js";
import { createBundleValidator, deriveInvalidBody } from "../src/invalid-body.js";
import { clientFilledBodyFields, concreteStatus, documentedParams, documentedRequestId } from "../src/requests.js";

/** The error class the client promises for each status (client README, "Errors"). */
const errorClassByStatus: Record<number, typeof MoEngageAPIError> = {
  400: MoEngageBadRequestError,
  401: MoEngageAuthenticationError,
  403: MoEngagePermissionDeniedError,
  404: MoEngageNotFoundError,
  409: MoEngageConflictError,
  413: MoEngagePayloadTooLargeError,
  415: MoEngageUnsupportedMediaTypeError,
  429: MoEngageRateLimitError,
};
const expectedErrorClass = (status: number) => errorClassByStatus[status] ?? (status >= 500 ? MoEngageServerError : MoEngageAPIError);

/** Exactly this class: the error's name is set per class, so a subclass or a parent class does not pass. */
function expectErrorOfClass(error: unknown, ErrorClass: typeof MoEngageAPIError) {
  expect(error).toBeInstanceOf(ErrorClass);
  expect((error as Error).name).toBe(ErrorClass.prototype.name);
}

const mockUrl = inject("mockUrl");
const operations = new Map(listOperations().map((operation) => [operation.operationId, operation]));
const validatorAt = createBundleValidator();
const refusing = contractClient({ baseUrl: mockUrl, kind: "invalid-body" });
const failing = contractClient({ baseUrl: mockUrl, kind: "documented-error" });

describe.each(Object.keys(operationCases))("%s", (operationId) => {
  const operation = operations.get(operationId);
  if (!operation) {
    it("is an operation of the spec", () => expect.fail(`${operationId} has a case but is not in the bundle`));
    return;
  }
  const params = documentedParams(operation);
  const body = operation.requestExamples[0]?.value;

  if (operation.requestSchemaPointer) {
    const invalid = deriveInvalidBody(operation, validatorAt, clientFilledBodyFields(operationId));
    // Prism answers a refused body with the operation's documented 400, or with a 422 problem when there is none.
    const documents400 = operation.errors.some((response) => response.status == "400");
    const refusal = documents400 ? "400 (BadRequestError)" : "422 (APIError)";
    it(`refuses a body that ${invalid.why} with ${refusal}`, async () => {
      const { error } = await callOperation(refusing, operationId, { params, body: invalid.body });
      expectErrorOfClass(error, documents400 ? MoEngageBadRequestError : MoEngageAPIError);
      expect(error?.status).toBe(documents400 ? 400 : 422);
      // The refusal names what was broken: Prism's violations (header on a 400, `validation` in a 422 problem).
      const violations = documents400 ? JSON.parse(error?.response?.headers.get("sl-violations") ?? "[]") : (error?.body as { validation?: unknown })?.validation;
      expect(violations).toEqual(expect.arrayContaining([expect.objectContaining({ location: expect.arrayContaining(["body"]) })]));
      if (invalid.field) expect(JSON.stringify(violations)).toContain(invalid.field);
    });
  }

  if (operation.credentialHeaders.length) {
    const stripped = operation.credentialHeaders;
    it(`answers 401 (AuthenticationError) when ${stripped.join(", ")} ${stripped.length > 1 ? "are" : "is"} not sent`, async () => {
      const anonymous = contractClient({ baseUrl: mockUrl, kind: "missing-credentials", stripHeaders: stripped });
      const { error } = await callOperation(anonymous, operationId, { params, body });
      expectErrorOfClass(error, MoEngageAuthenticationError);
      expect(error?.status).toBe(401);
    });
  }

  for (const response of operation.errors) {
    const status = concreteStatus(response.status);
    const ErrorClass = expectedErrorClass(status);
    // One call per documented example; one call for a response without examples.
    for (const example of response.examples.length ? response.examples : [undefined]) {
      const which = example ? ` example "${example.name}"` : "";
      const requestId = documentedRequestId(example?.value);
      it(`turns the documented ${response.status}${which} into ${ErrorClass.prototype.name}${requestId ? ` with request id ${requestId}` : ""}`, async () => {
        const prefer = `code=${status}${example?.named ? `, example=${example.name}` : ""}`;
        const { data, error } = await callOperation(failing, operationId, { params, body, headers: { Prefer: prefer } });
        expect(data).toBeUndefined();
        expectErrorOfClass(error, ErrorClass);
        expect(error).toMatchObject({ status, operationId });
        expect(error?.requestId).toBe(requestId);
        if (example && response.mediaType?.includes("json")) expect(error?.body).toEqual(example.value);
      });
    }
  }
});
