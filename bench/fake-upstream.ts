/**
 * The benchmark's upstream: answers every API with a fixed body and never parses requests, so
 * that what is measured is the gateway, not the fake. Run as its own process:
 *   node --import tsx bench/fake-upstream.ts --port 9100 [--delay 50]
 * `--delay` holds each answer that many milliseconds before the headers (added latency tests).
 * `--drip` sends a stream's first event at once and the rest that many milliseconds later (the
 * check that gateways forward streams chunk by chunk rather than buffering them).
 * Stream or not is told by a byte search for `"stream":true`, not by parsing.
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { cannedAnswers, type CannedAnswer } from "./canned-responses.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "9100" },
    delay: { type: "string", default: "0" },
    drip: { type: "string", default: "0" },
  },
});
const delayMs = Number(values.delay);
const dripMs = Number(values.drip);
const streamMarker = Buffer.from('"stream":true');

function answerFor(url: string): CannedAnswer | undefined {
  if (url.endsWith("/chat/completions")) return cannedAnswers.chat;
  if (url.endsWith("/responses")) return cannedAnswers.responses;
  if (url.includes("/messages")) return cannedAnswers.messages;
  return undefined;
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const answer = answerFor(request.url ?? "");
    const reply = () => {
      if (answer === undefined) {
        response.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"not found"}}');
        return;
      }
      const stream = Buffer.concat(chunks).includes(streamMarker);
      if (!stream) {
        response.writeHead(200, { "content-type": "application/json" }).end(answer.json);
        return;
      }
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      if (dripMs <= 0) {
        for (const event of answer.events) response.write(event);
        response.end();
        return;
      }
      const [first, ...rest] = answer.events;
      response.write(first ?? "");
      setTimeout(() => {
        for (const event of rest) response.write(event);
        response.end();
      }, dripMs);
    };
    if (delayMs > 0) setTimeout(reply, delayMs);
    else reply();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(values.port), "127.0.0.1", () => process.stdout.write(`fake upstream on ${values.port}\n`));
