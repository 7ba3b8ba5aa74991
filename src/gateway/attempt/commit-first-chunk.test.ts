import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../../errors/gateway-error.js";
import { commitFirstChunk } from "./commit-first-chunk.js";
import { fakeProvider } from "../testing/fake-provider.js";

const provider = fakeProvider({ id: "up", models: [] });

async function readAll(body: Readable): Promise<string> {
  let text = "";
  for await (const chunk of body) text += String(chunk);
  return text;
}

describe("commitFirstChunk", () => {
  it("resolves once the first chunk is in, and the body still has every chunk", async () => {
    const response = await commitFirstChunk(provider, {
      status: 200,
      headers: {},
      body: Readable.from([Buffer.from("one "), Buffer.from("two")]),
    });
    expect(await readAll(response.body)).toBe("one two");
  });

  it("a failure before the first chunk is a retryable attempt failure, not a broken stream", async () => {
    const failing = new Readable({
      read() {
        this.destroy(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
      },
    });
    const failure = await commitFirstChunk(provider, { status: 200, headers: {}, body: failing }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(GatewayError);
    expect((failure as GatewayError).code).toBe("upstream_unavailable");
    expect((failure as GatewayError).retryable).toBe(true);
  });

  it("an empty stream is an upstream error", async () => {
    await expect(
      commitFirstChunk(provider, { status: 200, headers: {}, body: Readable.from([]) }),
    ).rejects.toMatchObject({ code: "upstream_error" });
  });
});

describe("a refusal in the first event", () => {
  it("Anthropic's event: error with overloaded_error is a failed attempt, classified as a 529 would be", async () => {
    const frame = 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    await expect(
      commitFirstChunk(provider, { status: 200, headers: {}, body: Readable.from([Buffer.from(frame)]) }),
    ).rejects.toMatchObject({ code: "upstream_overloaded" });
  });

  it("an OpenAI-style data: {error} chunk with insufficient_quota is a used-up quota", async () => {
    const frame =
      'data: {"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}\n\n';
    await expect(
      commitFirstChunk(provider, { status: 200, headers: {}, body: Readable.from([Buffer.from(frame)]) }),
    ).rejects.toMatchObject({ code: "quota_exceeded" });
  });

  it("only the first event counts: an error later in the same read is the stream's, a refusal first is still one", async () => {
    const start = 'event: message_start\ndata: {"type":"message_start","message":{"id":"m"}}\n\n';
    const error = 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const later = await commitFirstChunk(provider, {
      status: 200,
      headers: {},
      body: Readable.from([Buffer.from(start + error)]),
    });
    expect(await readAll(later.body)).toBe(start + error);
    await expect(
      commitFirstChunk(provider, { status: 200, headers: {}, body: Readable.from([Buffer.from(error + start)]) }),
    ).rejects.toMatchObject({ code: "upstream_overloaded" });
  });

  it("an ordinary first event passes", async () => {
    const frame = 'event: message_start\ndata: {"type":"message_start","message":{"id":"m"}}\n\n';
    const response = await commitFirstChunk(provider, {
      status: 200,
      headers: {},
      body: Readable.from([Buffer.from(frame)]),
    });
    expect(await readAll(response.body)).toBe(frame);
  });
});
