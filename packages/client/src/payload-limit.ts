import { MoEngagePayloadLimitError, type MoEngageErrorContext } from "./errors.js";

const encoder = new TextEncoder();
let scratch = new Uint8Array(24576);

/** UTF-8 byte length; small strings are encoded into a reused buffer (encodeInto is the fastest Web API for it). */
export function utf8Length(text: string): number {
  // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
  if (text.length > 65536) return encoder.encode(text).length;
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  return encoder.encodeInto(text, scratch).written;
}

/** Rejects a serialized body over the operation's `maxBodyBytes` before anything is sent. */
export function checkPayload(body: string, limit: number | undefined, context: MoEngageErrorContext): void {
  // Bytes lie between length and 3 × length: measure only when that range reaches past the limit.
  const size = limit! < body.length * 3 ? utf8Length(body) : 0;
  if (size > limit!) {
    throw new MoEngagePayloadLimitError(`${context.operationId} body is ${size} bytes, over its ${limit}-byte limit`, {
      ...context,
      size,
      limit,
    });
  }
}
