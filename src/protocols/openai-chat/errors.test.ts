import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/gateway-error.js";
import { parseErrorBody, renderError, renderStreamError } from "./errors.js";

describe("renderError", () => {
  it("writes OpenAI's error shape with the field at fault", () => {
    const rendered = renderError(new GatewayError("invalid_request", "bad content", { param: "messages.2.content" }));
    expect(rendered.status).toBe(400);
    expect(rendered.body).toEqual({
      error: { message: "bad content", type: "invalid_request_error", param: "messages.2.content", code: null },
    });
  });

  it("uses OpenAI's type names and statuses, keeping headers", () => {
    const limited = renderError(
      new GatewayError("rate_limited", "slow down", { upstream: { provider: "openai", retryAfter: 3 } }),
    );
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("3");
    expect(limited.body).toMatchObject({ error: { type: "requests", code: "rate_limit_exceeded" } });
    expect(limited.headers["x-should-retry"]).toBe("true");
    expect(renderError(new GatewayError("quota_exceeded", "q")).body).toMatchObject({
      error: { type: "insufficient_quota" },
    });
    const wrongKey = renderError(new GatewayError("authentication", "k"));
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body).toMatchObject({ error: { type: "invalid_request_error", code: "invalid_api_key" } });
    expect(wrongKey.headers["x-should-retry"]).toBe("false");
    expect(renderError(new GatewayError("permission", "p")).body).toMatchObject({
      error: { code: "permission_denied" },
    });
    expect(renderError(new GatewayError("model_not_found", "m")).body).toMatchObject({
      error: { code: "model_not_found" },
    });
    const upstream = renderError(new GatewayError("upstream_unavailable", "down", { status: 503 }));
    expect(upstream.status).toBe(503);
    expect(upstream.body).toMatchObject({ error: { type: "server_error" } });
  });
});

describe("renderStreamError", () => {
  it("writes a bare data event as OpenAI does mid-stream", () => {
    const text = renderStreamError(new GatewayError("upstream_error", "cut"));
    expect(text).toBe('data: {"error":{"message":"cut","type":"server_error","param":null,"code":"server_error"}}\n\n');
  });
});

describe("parseErrorBody", () => {
  it("reads OpenAI's shape", () => {
    const body = JSON.stringify({
      error: { message: "nope", type: "invalid_request_error", param: "model", code: "model_not_found" },
    });
    expect(parseErrorBody(body)).toEqual({
      message: "nope",
      type: "invalid_request_error",
      param: "model",
      code: "model_not_found",
    });
  });

  it("reads the OpenAI-compatible variants", () => {
    expect(parseErrorBody('{"error":"bad key"}')).toEqual({ message: "bad key" });
    expect(parseErrorBody('{"message":"overloaded"}')).toEqual({ message: "overloaded" });
    expect(parseErrorBody('{"detail":"Not Found"}')).toEqual({ message: "Not Found" });
    expect(parseErrorBody('{"detail":[{"msg":"field required"},{"msg":"bad"}]}')).toEqual({
      message: "field required; bad",
    });
    expect(parseErrorBody('{"error":{"message":"x","code":429}}')).toEqual({ message: "x", code: "429" });
  });

  it("returns undefined for other bodies", () => {
    expect(parseErrorBody("<html>502</html>")).toBeUndefined();
    expect(parseErrorBody('{"ok":true}')).toBeUndefined();
    expect(parseErrorBody("[1]")).toBeUndefined();
  });
});
