import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import type { StreamPart } from "../../ir/stream-part.js";
import { encodeStream as encodeAnthropicStream } from "../anthropic-messages/encode-stream.js";
import { encodeStream as encodeChatStream } from "../openai-chat/encode-stream.js";
import { decodeStream } from "./decode-stream.js";
import { encodeStream } from "./encode-stream.js";
import { collect, fromArray, parseFrames, readChunkEvents, sseField } from "./testing/fixtures.js";

const fixture = "openai-web-search-annotations.1.chunks.txt";
const answer = "Version 1.0 shipped on 3 November ([example.com](https://example.com/release)).";
const citation = {
  type: "url_citation",
  start_index: 33,
  end_index: 79,
  url: "https://example.com/release",
  title: "Release notes",
};
const webSearch = {
  id: "ws_0001",
  type: "web_search_call",
  status: "completed",
  action: { type: "search", query: "switchboard gateway release date" },
};

const decoded = (): Promise<StreamPart[]> => collect(decodeStream(fromArray(readChunkEvents(fixture))));

describe("decodeStream: hosted-tool items and streamed annotations", () => {
  it("keeps the web_search_call item on the finish part, as decodeResponse keeps it in otherItems", async () => {
    const finish = (await decoded()).at(-1);
    expect(finish).toMatchObject({
      type: "finish",
      reason: { unified: "stop" },
      extensions: { "openai-responses": { otherItems: [{ index: 0, item: webSearch }] } },
    });
  });

  it("puts the streamed url_citation on the text block's end, once", async () => {
    const parts = await decoded();
    expect(parts.filter((part) => part.type === "text-end")).toEqual([
      { type: "text-end", id: "text-1-0", extensions: { "openai-responses": { annotations: [citation] } } },
    ]);
  });

  it("takes annotations from content_part.done when the upstream sends no annotation events", async () => {
    const events = readChunkEvents(fixture).filter((event) => event.event !== "response.output_text.annotation.added");
    const parts = await collect(decodeStream(fromArray(events)));
    expect(parts.find((part) => part.type === "text-end")).toMatchObject({
      extensions: { "openai-responses": { annotations: [citation] } },
    });
  });
});

describe("encodeStream: a Responses stream re-encoded from the IR", () => {
  it("writes the annotation event and the web search item back, and the SDK's final response has both", async () => {
    const frames = await collect(encodeStream(fromArray(await decoded()), { model: "gpt-5.1" }));
    const events = parseFrames(frames);
    expect(events.find((event) => event.event === "response.output_text.annotation.added")?.data).toMatchObject({
      annotation_index: 0,
      annotation: citation,
    });
    const completed = events.at(-1)?.data["response"] as { output: Array<Record<string, unknown>> };
    expect(completed.output.map((item) => item["type"])).toEqual(["message", "web_search_call"]);
    expect(completed.output[1]).toEqual(webSearch);
    expect(completed.output[0]?.["content"]).toEqual([
      { type: "output_text", text: answer, annotations: [citation], logprobs: [] },
    ]);

    // What a Responses client sees: the official SDK reading the re-encoded stream.
    const client = new OpenAI({
      apiKey: "test",
      fetch: async () => new Response(frames.join(""), { headers: { "content-type": "text/event-stream" } }),
    });
    const final = await client.responses.stream({ model: "gpt-5.1", input: "When?" }).finalResponse();
    expect(final.output_text).toBe(answer);
    expect(final.output.map((item) => item.type)).toEqual(["message", "web_search_call"]);
  });
});

describe("a client of another API", () => {
  it("gets the upstream's text unchanged, with no note added, from the Anthropic encoder", async () => {
    const frames = await collect(encodeAnthropicStream(fromArray(await decoded()), { model: "claude" }));
    const text = frames
      .flatMap((frame) => sseField(frame, "data") ?? [])
      .map((data) => JSON.parse(data) as { delta?: { type?: string; text?: string } })
      .filter((event) => event.delta?.type === "text_delta")
      .map((event) => event.delta?.text)
      .join("");
    expect(text).toBe(answer);
  });

  it("gets the upstream's text unchanged from the Chat encoder", async () => {
    const frames = await collect(encodeChatStream(fromArray(await decoded()), { model: "gpt" }));
    const text = frames
      .flatMap((frame) => sseField(frame, "data") ?? [])
      .filter((data) => data !== "[DONE]")
      .map((data) => JSON.parse(data) as { choices: Array<{ delta: { content?: string } }> })
      .map((chunk) => chunk.choices[0]?.delta.content ?? "")
      .join("");
    expect(text).toBe(answer);
  });
});
