import { excerpt, MoEngagePayloadLimitError, MoEngageSerializationError, type MoEngageErrorContext } from "./errors.js";

const encoder = new TextEncoder();
let scratch = new Uint8Array(24576);

/** UTF-8 byte length; small strings are encoded into a reused buffer (encodeInto is the fastest Web API for it). */
export function utf8Length(text: string): number {
  // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
  if (text.length > 65536) return encoder.encode(text).length;
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  return encoder.encodeInto(text, scratch).written;
}

/**
 * The JSON of a body, refused before anything is sent when JSON cannot encode it (a BigInt, a cycle, a throwing
 * `toJSON`; a function or symbol, which JSON turns into nothing): a MoEngageSerializationError naming `what` and the
 * problem; or when it is over `limit` (the operation's `maxBodyBytes`) in UTF-8 bytes: a MoEngagePayloadLimitError.
 */
export function serialize(value: unknown, what: string, context: MoEngageErrorContext, limit?: number): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
    if (!json) throw TypeError(`${typeof value} is not JSON`);
  } catch (cause) {
    const problem = excerpt(String((cause as Error)?.message ?? cause));
    throw new MoEngageSerializationError(`${what} cannot be encoded as JSON: ${problem}`, { ...context, cause });
  }
  // Bytes lie between length and 3 × length: measure only when that range reaches past the limit.
  const size = limit! < json.length * 3 ? utf8Length(json) : 0;
  if (size > limit!) {
    throw new MoEngagePayloadLimitError(`${what} is ${size} bytes, over its ${limit}-byte limit`, { ...context, size, limit });
  }
  return json;
}
