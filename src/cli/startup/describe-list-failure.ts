import { SetupError, isGatewayError } from "../../errors/index.js";

/** A provider whose model list failed while Switchboard started. */
export interface ListFailure {
  provider: string;
  error: unknown;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One line for the start-up output: which provider, and what it said (the message names the fix). */
export function describeListFailure(failure: ListFailure): string {
  return `Warning: provider ${failure.provider} could not list its models: ${messageOf(failure.error)}`;
}

/**
 * When every configured provider refused its credentials (an expired or revoked GitHub login, a
 * rotated key), nothing can be served: start-up stops with their messages, each of which says how
 * to sign in again. One working provider is enough to start; the others are warned about.
 */
export function loginRefusal(failures: ListFailure[], providerCount: number): SetupError | undefined {
  const refused = failures.filter(
    (failure) => isGatewayError(failure.error) && failure.error.code === "upstream_authentication",
  );
  if (providerCount === 0 || refused.length < providerCount) return undefined;
  const lines = refused.map((failure) => `Provider ${failure.provider}: ${messageOf(failure.error)}`);
  return new SetupError(`Switchboard cannot start: no provider accepts its credentials.\n${lines.join("\n")}`);
}
