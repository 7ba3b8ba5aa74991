/**
 * In-process cost of turning a translated request into bytes, without HTTP:
 *   node --import tsx bench/serialize-request-micro.ts [--bodies 2000] [--rounds 5]
 *
 * For each translation pair of the benchmark, the benchmark's client body is decoded and encoded
 * as the gateway does, `--bodies` times (each a fresh parse, as every request is), and the encoded
 * bodies are turned into bytes two ways in alternating rounds: `Buffer.from(JSON.stringify(body))`
 * (before session 4) and `serializeRequest(body)` (the JSON of tools and system prompt reused).
 * Printed: µs per body for each round, and the medians.
 */
import { parseArgs } from "node:util";
import { dropCrossProtocolFeatures } from "../src/gateway/attempt/cross-protocol-warnings.js";
import { JsonCache, serializeRequest } from "../src/gateway/attempt/serialize-request.js";
import type { WireApi } from "../src/protocols/wire-api.js";
import { translators } from "../src/translate/registry.js";
import { lowerTools } from "../src/translate/shared/lower-tools.js";
import { claudeCodeBody, codexBody } from "./bodies.js";

const { values } = parseArgs({
  options: { bodies: { type: "string", default: "2000" }, rounds: { type: "string", default: "5" } },
});
const bodyCount = Number(values.bodies);
const rounds = Number(values.rounds);

const pairs: Array<{ name: string; body: string; clientApi: WireApi; upstreamApi: WireApi }> = [
  {
    name: "Claude Code 77 KB → chat",
    body: claudeCodeBody("m", true),
    clientApi: "anthropic-messages",
    upstreamApi: "openai-chat",
  },
  { name: "Codex 39 KB → chat", body: codexBody("m", true), clientApi: "openai-responses", upstreamApi: "openai-chat" },
  {
    name: "Codex 39 KB → messages",
    body: codexBody("m", true),
    clientApi: "openai-responses",
    upstreamApi: "anthropic-messages",
  },
];

function encoded(raw: string, clientApi: WireApi, upstreamApi: WireApi): Record<string, unknown> {
  const decoded = translators[clientApi].decodeRequest(JSON.parse(raw) as Record<string, unknown>);
  let { request } = dropCrossProtocolFeatures(decoded.request, clientApi, upstreamApi);
  if (upstreamApi !== "openai-responses") ({ request } = lowerTools(request));
  return translators[upstreamApi].encodeRequest(request, { model: "m" }).body;
}

function microsecondsPerBody(
  bodies: Array<Record<string, unknown>>,
  serialize: (body: Record<string, unknown>) => Buffer,
) {
  const started = process.hrtime.bigint();
  for (const body of bodies) serialize(body);
  return Number(process.hrtime.bigint() - started) / bodies.length / 1000;
}

const median = (list: number[]) => [...list].sort((left, right) => left - right)[Math.floor(list.length / 2)] ?? 0;

process.stdout.write(`Node ${process.version}, ${bodyCount} bodies per round, ${rounds} rounds\n\n`);
process.stdout.write(
  "| pair | stringify µs | serializeRequest µs | rounds (stringify / serializeRequest) |\n|---|---:|---:|---|\n",
);
for (const pair of pairs) {
  const bodies = Array.from({ length: bodyCount }, () => encoded(pair.body, pair.clientApi, pair.upstreamApi));
  const cache = new JsonCache();
  const plain = (body: Record<string, unknown>) => Buffer.from(JSON.stringify(body));
  const reused = (body: Record<string, unknown>) => serializeRequest(body, cache);
  microsecondsPerBody(bodies, plain);
  microsecondsPerBody(bodies, reused);
  const before: number[] = [];
  const after: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    before.push(microsecondsPerBody(bodies, plain));
    after.push(microsecondsPerBody(bodies, reused));
  }
  const list = before.map((value, index) => `${value.toFixed(0)}/${(after[index] ?? 0).toFixed(0)}`).join(", ");
  process.stdout.write(`| ${pair.name} | ${median(before).toFixed(0)} | ${median(after).toFixed(0)} | ${list} |\n`);
}
