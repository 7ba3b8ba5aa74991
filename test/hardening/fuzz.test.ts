import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendAndJudge, type Verdict } from "./support/judge-answer.js";
import { fuzzCase, type FuzzCase } from "./support/mutate-request.js";
import { spawnHardeningStack } from "./support/spawn-hardening-stack.js";
import type { HardeningStack } from "./support/start-hardening-stack.js";

// Issue 22: at least 10,000 mutated requests, seeded and reproducible, against every route kind
// (passthrough and translated, each upstream API, the Copilot and Duo fakes). Pass: no answer of
// ours ≥ 500, no dropped connection, no error outside the caller's shape.
// Reproduce a run: FUZZ_SEED=<seed> npx vitest run test/hardening/fuzz.test.ts

const seed = Number(process.env["FUZZ_SEED"] ?? Date.now() % 2_147_483_647);
const requests = Number(process.env["FUZZ_REQUESTS"] ?? 10_000);
const concurrency = 96;
/**
 * The run stops sending here (and fails, naming how many it sent) rather than overrun the
 * issue's 60 s bound. The test's own timeout is longer than the bound: the requests in flight when
 * sending stops must finish before the gateway closes, or a timed-out test closes it under them
 * and they read as dropped connections. (That is what a loaded CI run once showed: Copilot
 * requests queued behind the account pacer, now turned off in the hardening stack, outlived the
 * old 60 s timeout.)
 */
const budgetMs = 55_000;

let stack: HardeningStack;
beforeAll(async () => {
  stack = await spawnHardeningStack();
});
afterAll(async () => {
  await stack?.close();
});

describe("fuzz: mutated requests on every route kind", () => {
  it(
    `${requests} requests (seed printed): 0 of ours ≥ 500, 0 dropped, 0 outside the caller's shape`,
    { timeout: budgetMs + 35_000 },
    async () => {
      // Made in chunks as the run goes (making them takes CPU the client can spend while it waits):
      // case `index` is the same for a given seed however fast the run is.
      const chunkSize = 500;
      const chunks = new Map<number, FuzzCase[]>();
      const caseAt = (index: number): FuzzCase => {
        const chunk = Math.floor(index / chunkSize);
        let made = chunks.get(chunk);
        if (made === undefined) {
          made = fc.sample(fuzzCase, { seed: seed + chunk, numRuns: chunkSize });
          chunks.set(chunk, made);
          chunks.delete(chunk - 2);
        }
        return made[index % chunkSize] as FuzzCase;
      };
      const failures: Array<{ index: number; fuzz: FuzzCase; verdict: Verdict }> = [];
      const counts = { sent: 0, "server-error": 0, dropped: 0, "wrong-shape": 0 };
      const statuses = new Map<string, number>();
      const started = Date.now();
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < requests && Date.now() - started < budgetMs) {
          const index = next++;
          const fuzz = caseAt(index);
          const verdict = await sendAndJudge({ baseUrl: stack.url, api: fuzz.clientApi, body: fuzz.body });
          counts.sent += 1;
          const status = verdict.status === undefined ? "none" : String(verdict.status);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (verdict.kind !== "ok") {
            counts[verdict.kind] += 1;
            failures.push({ index, fuzz, verdict });
          }
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `fuzz seed ${seed}: ${counts.sent} requests in ${seconds} s; 5xx ${counts["server-error"]}, dropped ${counts.dropped}, wrong shape ${counts["wrong-shape"]}; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
      );
      for (const failure of failures.slice(0, 10)) {
        console.log(
          `FAILED case ${failure.index} (seed ${seed}) ${failure.fuzz.clientApi} → ${failure.fuzz.alias}: ${JSON.stringify(failure.verdict)}\n  body: ${failure.fuzz.body.slice(0, 2_000)}`,
        );
      }
      expect(counts.sent, `only ${counts.sent} of ${requests} sent within ${budgetMs} ms`).toBe(requests);
      expect(failures.map((failure) => `${failure.index}: ${failure.verdict.kind}`)).toEqual([]);
    },
  );
});
