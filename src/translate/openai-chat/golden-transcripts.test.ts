import { describe, expect, it } from "vitest";
import { parseSse } from "../../lib/sse.js";
import { chatChunkSchema, describeMismatch } from "../../protocols/openai-chat/response-schemas.js";
import { decodeStream } from "./decode-stream.js";
import { encodeStream } from "./encode-stream.js";
import { chunksOf, collect, fixtureSse, fromArray, readable } from "./testing/stream-fixtures.js";

const fixtures = [
  "openai-chat-tool-calls.1.chunks.txt",
  "openai-compatible-reasoning.1.chunks.txt",
  "github-copilot-reasoning.1.chunks.txt",
  "openai-chat-error.1.chunks.txt",
  "openai-chat-cut.1.chunks.txt",
];

describe("golden transcripts", () => {
  for (const name of fixtures) {
    it(name, async () => {
      const parts = await collect(decodeStream(parseSse(chunksOf(fixtureSse(name)))));
      expect(readable(parts)).toMatchSnapshot("decoded IR parts");
      const sse = await collect(encodeStream(fromArray(parts), { model: "client-model", includeUsage: true }));
      expect(sse.join("")).toMatchSnapshot("re-encoded Chat SSE");
      for (const event of sse) {
        const payload = event.slice("data: ".length).trim();
        if (payload === "[DONE]" || payload.startsWith('{"error"')) continue;
        expect(describeMismatch(chatChunkSchema, JSON.parse(payload))).toBeUndefined();
      }
    });
  }
});
