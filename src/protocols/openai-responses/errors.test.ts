import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/gateway-error.js";
import { parseErrorBody, renderError, renderStreamError, renderStreamErrorEvents } from "./errors.js";

function frames(text: string): Array<{ event: string; data: Record<string, unknown> }> {
  return text
    .split("\n\n")
    .filter((frame) => frame !== "")
    .map((frame) => ({
      event: /^event: (.*)$/m.exec(frame)?.[1] ?? "",
      data: JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? "{}"),
    }));
}

describe("renderError", () => {
  it("writes OpenAI's error body with the field at fault", () => {
    const rendered = renderError(
      new GatewayError("invalid_request", "Missing required parameter: 'input.3.call_id'.", {
        param: "input.3.call_id",
      }),
    );
    expect(rendered.status).toBe(400);
    expect(rendered.body).toEqual({
      error: {
        message: "Missing required parameter: 'input.3.call_id'.",
        type: "invalid_request_error",
        param: "input.3.call_id",
        code: null,
      },
    });
  });

  it("keeps the error's headers and says whether a retry can help", () => {
    const rendered = renderError(
      new GatewayError("rate_limited", "Slow down.", { upstream: { provider: "openai", status: 429, retryAfter: 2 } }),
    );
    expect(rendered.status).toBe(429);
    expect(rendered.headers).toMatchObject({ "retry-after": "2", "x-should-retry": "true" });
    expect(rendered.body).toEqual({
      error: { message: "Slow down.", type: "requests", param: null, code: "rate_limit_exceeded" },
    });
    const final = renderError(
      new GatewayError("upstream_error", "All upstreams failed.", { headers: { "x-should-retry": "false" } }),
    );
    expect(final.status).toBe(502);
    expect(final.headers["x-should-retry"]).toBe("false");
  });

  it("uses OpenAI's types for authentication, quota and overload", () => {
    expect(renderError(new GatewayError("authentication", "Bad key.")).body).toMatchObject({
      error: { type: "invalid_request_error", code: "invalid_api_key" },
    });
    expect(renderError(new GatewayError("quota_exceeded", "No quota.")).body).toMatchObject({
      error: { type: "insufficient_quota" },
    });
    expect(renderError(new GatewayError("upstream_overloaded", "Busy.")).status).toBe(529);
  });
});

describe("renderStreamError", () => {
  it("writes an error event (ResponseErrorEvent) then response.failed, numbered in order", () => {
    const events = frames(renderStreamError(new GatewayError("rate_limited", "Slow down.")));
    expect(events.map((event) => event.event)).toEqual(["error", "response.failed"]);
    expect(events[0]?.data).toEqual({
      type: "error",
      code: "rate_limit_exceeded",
      message: "Slow down.",
      param: null,
      sequence_number: 0,
    });
    expect(events[1]?.data).toMatchObject({
      type: "response.failed",
      sequence_number: 1,
      response: { object: "response", status: "failed", error: { code: "rate_limit_exceeded", message: "Slow down." } },
    });
  });

  it("continues the stream's numbering and keeps the response so far", () => {
    const text = renderStreamErrorEvents(new GatewayError("upstream_error", "Upstream broke."), {
      sequenceNumber: 7,
      response: { id: "resp_1", model: "gpt-5", output: [] },
    }).join("");
    const events = frames(text);
    expect(events.map((event) => event.data.sequence_number)).toEqual([7, 8]);
    expect(events[1]?.data.response).toMatchObject({
      id: "resp_1",
      model: "gpt-5",
      status: "failed",
      error: { code: "server_error" },
    });
  });
});

describe("parseErrorBody", () => {
  it("reads OpenAI's error body", () => {
    const body = JSON.stringify({
      error: { message: "Rate limit reached", type: "requests", param: null, code: "rate_limit_exceeded" },
    });
    expect(parseErrorBody(body)).toEqual({
      message: "Rate limit reached",
      type: "requests",
      code: "rate_limit_exceeded",
    });
  });

  it("reads an in-stream error event", () => {
    const body = JSON.stringify({
      type: "error",
      code: "server_error",
      message: "Oops",
      param: "input",
      sequence_number: 3,
    });
    expect(parseErrorBody(body)).toEqual({ message: "Oops", code: "server_error", param: "input" });
  });

  it("returns undefined for other shapes", () => {
    expect(parseErrorBody("<html>502</html>")).toBeUndefined();
    expect(parseErrorBody(JSON.stringify({ type: "error", error: { type: "overloaded_error" } }))).toBeUndefined();
    expect(parseErrorBody("null")).toBeUndefined();
  });
});
