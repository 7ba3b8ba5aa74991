import type { Gateway } from "../gateway/gateway.js";
import { isRecord } from "../lib/is-record.js";
import { parseJson } from "../lib/parse-json.js";
import type { ToolEmbedder } from "../mcp/rank-tools-by-embedding.js";
import { newRequestId } from "./serve-generation.js";

/** Names these requests in the gateway's logs; on usage rows the client is `other`. */
const userAgent = "switchboard-mcp-tool-search";

function replyText(body: Awaited<ReturnType<Gateway["embeddings"]>>["body"]): string {
  if (body.kind === "bytes") return body.data.toString("utf8");
  if (body.kind === "json") return JSON.stringify(body.value);
  return "";
}

/** OpenAI's answer as vectors in input order; anything else is an error (the ranker falls back to BM25). */
function readVectors(text: string, count: number): number[][] {
  const answer = parseJson(text);
  const data = isRecord(answer) ? answer["data"] : undefined;
  if (!Array.isArray(data)) throw new Error("the embeddings answer has no `data` list");
  const vectors: number[][] = new Array<number[]>(count);
  for (const item of data) {
    const index = isRecord(item) ? item["index"] : undefined;
    const embedding = isRecord(item) ? item["embedding"] : undefined;
    if (typeof index !== "number" || index < 0 || index >= count || !Array.isArray(embedding))
      throw new Error("the embeddings answer has an entry without a float `embedding` and its `index`");
    vectors[index] = embedding.map(Number);
  }
  return vectors.filter((vector) => vector !== undefined);
}

/**
 * `search_tools` embeddings through the gateway's own `/v1/embeddings` path, so routing,
 * fallbacks, the key's limits and the usage row are those of any embeddings request. The row
 * carries the calling MCP client's key (its `apiPrincipal`); a key whose model list leaves out
 * the embeddings model is refused like any request, and that search falls back to BM25.
 */
export function createGatewayToolEmbedder(gateway: Gateway): ToolEmbedder {
  return async ({ model, input, principal, signal }) => {
    const reply = await gateway.embeddings({
      rawBody: Buffer.from(JSON.stringify({ model, input, encoding_format: "float" })),
      headers: { "content-type": "application/json", "user-agent": userAgent },
      signal,
      requestId: newRequestId(),
      principal,
    });
    const text = replyText(reply.body);
    if (reply.status !== 200) {
      const error = parseJson(text);
      const message = isRecord(error) && isRecord(error["error"]) ? error["error"]["message"] : undefined;
      throw new Error(`embeddings answered ${reply.status}: ${String(message ?? "no message")}`);
    }
    return readVectors(text, input.length);
  };
}
