// Sends one contract case through a live proxy and reports how the answer breaks the spec, if it does.
import type { MoEngageClient, MoEngageError } from "@moekit/client";
import type { ContractOperation } from "./bundle.js";
import { callOperation } from "./contract-client.js";
import { liveContractProblems } from "./live.js";
import { documentedParams } from "./requests.js";

export async function sendLiveCase(client: MoEngageClient, operation: ContractOperation): Promise<{ status?: number; problems: string[] }> {
  const documented = [operation.success.status, ...operation.errors.map((response) => response.status)];
  let answer;
  try {
    const result = await callOperation(client, operation.operationId, {
      params: documentedParams(operation),
      body: operation.requestExamples[0]?.value,
    });
    const error: MoEngageError | undefined = result.error;
    const response = result.response ?? error?.response;
    answer = { status: response?.status, headers: response?.headers, errorBody: error?.body };
  } catch (error) {
    // Only failures without an answer are thrown here (the client returns API errors); the message is redacted.
    return { problems: [`no answer: ${(error as Error).message}`] };
  }
  return { status: answer.status, problems: liveContractProblems(documented, answer) };
}
