import { describe, expect, it } from "vitest";
import type { StreamPart } from "../../ir/stream-part.js";
import { decodeStream } from "./decode-stream.js";
import { encodeStream } from "./encode-stream.js";
import { collect, fixtureSse, fromChunks, sseEvents } from "./testing/fixture-stream.js";

/** Error parts hold a GatewayError; the snapshot shows what a user would see of it. */
function printable(part: StreamPart): unknown {
  return part.type === "error" ? { type: "error", code: part.error.code, message: part.error.message } : part;
}

// Golden transcripts of the synthetic fixtures in __fixtures__ (see the first line of each for provenance).
describe.each(["anthropic-tool-use.1", "anthropic-thinking.1", "anthropic-cut.1", "anthropic-overloaded.1"])(
  "golden %s",
  (name) => {
    it("decodes to IR parts and re-encodes to Anthropic SSE", async () => {
      const parts = await collect(decodeStream(sseEvents(fixtureSse(`${name}.chunks.txt`))));
      expect(parts.map(printable)).toMatchSnapshot();
      const sse = (await collect(encodeStream(fromChunks(parts), { model: "claude-opus-4-8" }))).join("");
      await expect(sse).toMatchFileSnapshot(`./__snapshots__/${name}.anthropic.sse`);
    });
  },
);
