/** Error bodies in each vendor's documented shape. */
export type ErrorVendor = "openai" | "anthropic";

const anthropicTypes: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  504: "timeout_error",
  529: "overloaded_error",
};

export function anthropicErrorBody(status: number, message: string): unknown {
  return {
    type: "error",
    error: { type: anthropicTypes[status] ?? (status >= 500 ? "api_error" : "invalid_request_error"), message },
    request_id: "req_fake",
  };
}

export function openAiErrorBody(status: number, message: string, code: string | null = null): unknown {
  const type = status === 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error";
  return { error: { message, type, param: null, code } };
}

export function vendorErrorBody(
  vendor: ErrorVendor,
  status: number,
  message: string,
  code: string | null = null,
): unknown {
  return vendor === "anthropic" ? anthropicErrorBody(status, message) : openAiErrorBody(status, message, code);
}

export function defaultErrorMessage(status: number): string {
  if (status === 429) return "Rate limit reached. Please try again later.";
  if (status === 529) return "Overloaded";
  if (status >= 500) return "The server had an error while processing your request.";
  return `Request failed with status ${status}.`;
}
