import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/gateway-error.js";
import { protocol } from "./index.js";

describe("anthropic-messages errors", () => {
  it.each([
    ["invalid_request", 400, "invalid_request_error"],
    ["authentication", 401, "authentication_error"],
    ["permission", 403, "permission_error"],
    ["model_not_found", 404, "not_found_error"],
    ["request_too_large", 413, "request_too_large"],
    ["rate_limited", 429, "rate_limit_error"],
    ["upstream_error", 502, "api_error"],
    ["upstream_authentication", 502, "api_error"],
    ["internal", 500, "api_error"],
    ["upstream_overloaded", 529, "overloaded_error"],
  ] as const)("renders %s as %i %s", (code, status, type) => {
    const rendered = protocol.renderError(new GatewayError(code, "Something specific."));
    expect(rendered.status).toBe(status);
    expect(rendered.body).toEqual({ type: "error", error: { type, message: "Something specific." } });
  });

  it("keeps retry-after and the request id, and says when a retry cannot help", () => {
    const limited = protocol.renderError(
      new GatewayError("rate_limited", "Slow down.", { headers: { "retry-after": "7" } }),
    );
    expect(limited.headers).toEqual({ "retry-after": "7", "x-should-retry": "true" });
    const invalid = protocol.renderError(
      new GatewayError("invalid_request", "Bad.", { headers: { "request-id": "req_1" } }),
    );
    expect(invalid.headers["x-should-retry"]).toBe("false");
    expect(invalid.body).toMatchObject({ request_id: "req_1" });
  });

  it("uses an overridden status", () => {
    expect(protocol.renderError(new GatewayError("upstream_unavailable", "Down.", { status: 503 })).status).toBe(503);
  });

  it("renders a stream error event", () => {
    expect(protocol.renderStreamError(new GatewayError("upstream_overloaded", "Overloaded"))).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
  });

  it("parses upstream error bodies", () => {
    expect(
      protocol.parseErrorBody('{"type":"error","error":{"type":"rate_limit_error","message":"Too many"}}'),
    ).toEqual({
      type: "rate_limit_error",
      message: "Too many",
    });
    expect(protocol.parseErrorBody("<html>bad gateway</html>")).toBeUndefined();
    expect(protocol.parseErrorBody('{"error":"plain"}')).toBeUndefined();
  });
});
