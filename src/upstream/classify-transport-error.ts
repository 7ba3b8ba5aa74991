import { GatewayError } from "../errors/index.js";

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined || cause === error ? undefined : errorCode(cause);
}

const timeoutCodes: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: "connecting to",
  UND_ERR_HEADERS_TIMEOUT: "waiting for the first byte from",
  UND_ERR_BODY_TIMEOUT: "waiting for the next chunk from",
};

const unavailableCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);

/** Node's codes for a certificate chain no trusted CA vouches for. */
const untrustedCertificateCodes = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "CERT_UNTRUSTED",
]);

/**
 * Turns a failure below HTTP (timeouts, refused or reset connections, cancellation) into a
 * `GatewayError`. `signal` tells a client's cancellation apart from our own timeouts.
 */
export function classifyTransportError(provider: string, error: unknown, signal?: AbortSignal): GatewayError {
  if (error instanceof GatewayError) return error;
  if (signal?.aborted === true) {
    return new GatewayError("client_closed", "The request was cancelled before the upstream answered.", {
      cause: error,
      upstream: { provider },
    });
  }
  const code = errorCode(error);
  const waitingFor = code === undefined ? undefined : timeoutCodes[code];
  if (waitingFor !== undefined) {
    return new GatewayError("upstream_timeout", `Timed out ${waitingFor} ${provider}.`, {
      cause: error,
      upstream: { provider, type: code },
    });
  }
  if (code !== undefined && unavailableCodes.has(code)) {
    return new GatewayError("upstream_unavailable", `Could not reach ${provider} (${code}).`, {
      cause: error,
      upstream: { provider, type: code },
    });
  }
  if (code !== undefined && untrustedCertificateCodes.has(code)) {
    // Not retryable: the same certificate comes back. Usually a company proxy re-signing TLS.
    return new GatewayError(
      "upstream_error",
      `${provider}'s TLS certificate is not trusted (${code}). If a company proxy or a private CA signs it, point NODE_EXTRA_CA_CERTS at that CA's PEM file and restart.`,
      { cause: error, upstream: { provider, type: code }, retryable: false },
    );
  }
  if (error instanceof Error && error.name === "AbortError") {
    return new GatewayError("client_closed", "The request was cancelled.", { cause: error, upstream: { provider } });
  }
  return new GatewayError("upstream_error", `The connection to ${provider} failed.`, {
    cause: error,
    upstream: { provider, ...(code === undefined ? {} : { type: code }) },
  });
}
