/**
 * In-process cost of placing cache breakpoints on requests translated into Anthropic Messages:
 *   node --import tsx bench/cache-breakpoints-micro.ts [--bodies 2000] [--rounds 7]
 *
 * For each pair of the benchmark that ends at Anthropic, the request's way through the gateway
 * without HTTP (parse, decode, lower tools, encode, serialize) is timed with the route's
 * `prompt_cache` off and auto, in alternating rounds (CPU time of this process, µs per body).
 * Printed: the medians, their difference and that difference as a share of the whole path.
 */
import { parseArgs } from "node:util";
import { dropCrossProtocolFeatures } from "../src/gateway/attempt/cross-protocol-warnings.js";
import { JsonCache, serializeRequest } from "../src/gateway/attempt/serialize-request.js";
import type { WireApi } from "../src/protocols/wire-api.js";
import { translators } from "../src/translate/registry.js";
import { lowerTools } from "../src/translate/shared/lower-tools.js";
import { codexBody, smallChatBody } from "./bodies.js";

const { values } = parseArgs({
  options: { bodies: { type: "string", default: "2000" }, rounds: { type: "string", default: "7" } },
});
const bodyCount = Number(values.bodies);
const rounds = Number(values.rounds);

const pairs: Array<{ name: string; body: string; clientApi: WireApi }> = [
  { name: "Codex 39 KB → messages", body: codexBody("m", true), clientApi: "openai-responses" },
  { name: "small chat → messages", body: smallChatBody("m", true), clientApi: "openai-chat" },
];

function cpuMicrosecondsPerBody(raw: string, clientApi: WireApi, promptCache: "auto" | "off"): number {
  const cache = new JsonCache();
  const started = process.cpuUsage();
  for (let index = 0; index < bodyCount; index += 1) {
    const decoded = translators[clientApi].decodeRequest(JSON.parse(raw) as Record<string, unknown>);
    let { request } = dropCrossProtocolFeatures(decoded.request, clientApi, "anthropic-messages");
    ({ request } = lowerTools(request));
    const { body } = translators["anthropic-messages"].encodeRequest(request, { model: "m", promptCache });
    serializeRequest(body, cache);
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / bodyCount;
}

const median = (list: number[]) => [...list].sort((left, right) => left - right)[Math.floor(list.length / 2)] ?? 0;

process.stdout.write(`Node ${process.version}, ${bodyCount} bodies per round, ${rounds} rounds\n\n`);
process.stdout.write("| pair | off µs | auto µs | difference | share of the path |\n|---|---:|---:|---:|---:|\n");
for (const pair of pairs) {
  cpuMicrosecondsPerBody(pair.body, pair.clientApi, "off");
  cpuMicrosecondsPerBody(pair.body, pair.clientApi, "auto");
  const off: number[] = [];
  const auto: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    // Which goes first alternates, so that drift in the machine falls on both sides.
    if (round % 2 === 0) {
      off.push(cpuMicrosecondsPerBody(pair.body, pair.clientApi, "off"));
      auto.push(cpuMicrosecondsPerBody(pair.body, pair.clientApi, "auto"));
    } else {
      auto.push(cpuMicrosecondsPerBody(pair.body, pair.clientApi, "auto"));
      off.push(cpuMicrosecondsPerBody(pair.body, pair.clientApi, "off"));
    }
  }
  const difference = median(auto) - median(off);
  process.stdout.write(
    `| ${pair.name} | ${median(off).toFixed(1)} | ${median(auto).toFixed(1)} | ${difference.toFixed(1)} | ${((difference / median(off)) * 100).toFixed(1)} % |\n`,
  );
}
