import { createSilentLogger } from "../../src/lib/logger.js";
import type { ProviderFactoryContext, UpstreamRequest, UpstreamTimeouts } from "../../src/providers/provider.js";
import { GatewayError } from "../../src/errors/index.js";

export const testTimeouts: UpstreamTimeouts = { connectMs: 2_000, firstByteMs: 5_000, idleMs: 5_000 };

/** A factory context for provider tests: empty environment, silent logger. */
export function testProviderContext(overrides: Partial<ProviderFactoryContext> = {}): ProviderFactoryContext {
  return { env: {}, logger: createSilentLogger(), configDir: "/nonexistent", timeouts: testTimeouts, ...overrides };
}

/** An `UpstreamRequest` with a JSON body; fields not given take plain defaults. */
export function upstreamRequest(
  fields: Partial<Omit<UpstreamRequest, "body">> & { api: UpstreamRequest["api"]; body: unknown },
): UpstreamRequest {
  const body = fields.body as { model?: unknown; stream?: unknown };
  return {
    model: typeof body.model === "string" ? body.model : "model",
    stream: body.stream === true,
    signal: new AbortController().signal,
    ...fields,
    body: JSON.stringify(fields.body),
    context: {
      requestId: "req-test",
      clientApi: fields.api,
      initiator: "user",
      hasImages: false,
      forwardHeaders: {},
      ...fields.context,
    },
  };
}

/** The `GatewayError` a promise rejects with (fails the test when it resolves or throws something else). */
export async function gatewayErrorOf(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error("expected a GatewayError, but the call succeeded");
}

export async function readText(body: AsyncIterable<unknown>): Promise<string> {
  let text = "";
  for await (const chunk of body) text += String(chunk);
  return text;
}
