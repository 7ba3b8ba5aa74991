/**
 * The floor: the least a Node gateway can do. node:http, one JSON.parse of the body (a gateway
 * must at least read the model name), and an undici pool forwarding the bytes to the same path
 * upstream and the answer back, chunk by chunk.
 *   node --import tsx bench/floor-proxy.ts --port 9200 --upstream http://127.0.0.1:9100
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { Pool } from "undici";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "9200" },
    upstream: { type: "string", default: "http://127.0.0.1:9100" },
  },
});
const pool = new Pool(values.upstream, { connections: 256, pipelining: 1 });

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks);
    const parsed = JSON.parse(body.toString("utf8")) as { model?: string };
    if (typeof parsed.model !== "string") {
      response.writeHead(400).end();
      return;
    }
    pool
      .request({
        method: "POST",
        path: request.url ?? "/",
        headers: { "content-type": "application/json", authorization: "Bearer floor" },
        body,
      })
      .then(async (upstream) => {
        response.writeHead(upstream.statusCode, {
          "content-type": String(upstream.headers["content-type"] ?? "application/json"),
        });
        for await (const chunk of upstream.body) response.write(chunk);
        response.end();
      })
      .catch(() => response.writeHead(502).end());
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(values.port), "127.0.0.1", () => process.stdout.write(`floor proxy on ${values.port}\n`));
// A clean exit on Ctrl-C, so that `node --cpu-prof` writes its profile.
process.on("SIGINT", () => server.close(() => process.exit(0)).closeAllConnections());
