/**
 * In-process cost of one translated stream, without HTTP:
 *   node --import tsx bench/translate-stream-micro.ts [--iterations 8000] [--warmup 2000]
 *
 * For each translation pair of the benchmark, `serveTranslated` is called as the gateway calls it
 * (the benchmark's client body, decoded once as serve-attempt does) with a provider whose `send`
 * returns the fake upstream's canned stream as a Readable, and the client chunks are read to the
 * end. Two ways of splitting the upstream body:
 * - "one read": the whole body in one chunk, which is what undici hands over from
 *   bench/fake-upstream.ts (it writes every event in one tick; measured: one read per stream);
 * - "read per event": one chunk per event, as a model that generates slowly (or `--drip`) sends them.
 *
 * Printed per pair: µs per stream for the whole call (request encoding included: the benchmark
 * bodies are 39–77 KB), µs for the stream alone (from the upstream's `send` to the last client
 * chunk), and process CPU µs per stream (includes the GC's helper threads).
 */
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { pipeChunks } from "../src/gateway/stream/chunk-pipe.js";
import { serveTranslated } from "../src/gateway/attempt/serve-translated.js";
import { protocols } from "../src/protocols/registry.js";
import type { WireApi } from "../src/protocols/wire-api.js";
import type { Provider, RequestContext } from "../src/providers/provider.js";
import { translators } from "../src/translate/registry.js";
import { claudeCodeBody, codexBody } from "./bodies.js";
import { cannedAnswers, type CannedAnswer } from "./canned-responses.js";

const { values } = parseArgs({
  options: {
    iterations: { type: "string", default: "8000" },
    warmup: { type: "string", default: "2000" },
  },
});
const iterations = Number(values.iterations);
const warmup = Number(values.warmup);

interface Pair {
  name: string;
  clientApi: WireApi;
  upstreamApi: WireApi;
  body: (model: string, stream: boolean) => string;
  answer: CannedAnswer;
}

const pairs: Pair[] = [
  {
    name: "messages ← chat",
    clientApi: "anthropic-messages",
    upstreamApi: "openai-chat",
    body: claudeCodeBody,
    answer: cannedAnswers.chat,
  },
  {
    name: "responses ← chat",
    clientApi: "openai-responses",
    upstreamApi: "openai-chat",
    body: codexBody,
    answer: cannedAnswers.chat,
  },
  {
    name: "responses ← messages",
    clientApi: "openai-responses",
    upstreamApi: "anthropic-messages",
    body: codexBody,
    answer: cannedAnswers.messages,
  },
];

const chunkings: Array<{ name: string; split: (answer: CannedAnswer) => Buffer[] }> = [
  { name: "one read", split: (answer) => [Buffer.from(answer.events.join(""))] },
  { name: "read per event", split: (answer) => answer.events.map((event) => Buffer.from(event)) },
];

const model = "bench-model";

async function measure(pair: Pair, chunks: Buffer[]): Promise<{ whole: number; stream: number; cpu: number }> {
  let sentAt = 0;
  const provider: Provider = {
    id: "bench",
    type: "fake",
    listModels: async () => [],
    resolveModel: async () => undefined,
    async send() {
      sentAt = performance.now();
      // Object mode keeps each Buffer one read, as the upstream relay hands over each socket read.
      return { status: 200, headers: { "content-type": "text/event-stream" }, body: Readable.from(chunks) };
    },
    close: async () => undefined,
  };
  const parsed = protocols[pair.clientApi].parseRequest(JSON.parse(pair.body(model, true)));
  const decoded = translators[pair.clientApi].decodeRequest(parsed as Record<string, unknown>);
  const context: RequestContext = {
    requestId: "req_bench",
    clientApi: pair.clientApi,
    initiator: "user",
    hasImages: false,
    forwardHeaders: {},
  };
  const signal = new AbortController().signal;
  const target = { provider, model: { id: model, apis: [pair.upstreamApi] } };
  let streamTime = 0;
  let bytes = 0;
  const once = async (): Promise<void> => {
    const served = await serveTranslated({
      target,
      clientApi: pair.clientApi,
      upstreamApi: pair.upstreamApi,
      decoded,
      requestedModel: model,
      context,
      signal,
    });
    if (served.body.kind !== "stream") throw new Error("expected a stream");
    for await (const chunk of pipeChunks(served.body.pipe)) bytes += chunk.length;
    const outcome = await served.completion;
    if (outcome.error !== undefined) throw outcome.error;
    streamTime += performance.now() - sentAt;
  };
  for (let index = 0; index < warmup; index++) await once();
  streamTime = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let index = 0; index < iterations; index++) await once();
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  if (bytes === 0) throw new Error("no output");
  return {
    whole: (elapsed * 1000) / iterations,
    stream: (streamTime * 1000) / iterations,
    cpu: (cpu.user + cpu.system) / iterations,
  };
}

const rows: string[] = [
  "| pair | upstream chunks | whole µs/stream | stream µs/stream | CPU µs/stream |",
  "|---|---|---:|---:|---:|",
];
for (const pair of pairs) {
  for (const chunking of chunkings) {
    const result = await measure(pair, chunking.split(pair.answer));
    rows.push(
      `| ${pair.name} | ${chunking.name} | ${result.whole.toFixed(1)} | ${result.stream.toFixed(1)} | ${result.cpu.toFixed(1)} |`,
    );
  }
}
process.stdout.write(`Node ${process.version}, ${iterations} streams per row after ${warmup} warm-up\n\n`);
process.stdout.write(`${rows.join("\n")}\n`);
