import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WireApi } from "../../src/protocols/wire-api.js";
import { sendAndJudge } from "./support/judge-answer.js";
import { startHardeningStack, type HardeningStack } from "./support/start-hardening-stack.js";
import { fieldPaths, richBodies, withValueAt, wrongValue } from "./support/index.js";

// Issue 22: no wrongly typed field reaches a translator. Every field of a valid request of each
// client API gets a value of the wrong type, the wrong shape or an extreme size, on each of the
// 9 client × upstream pairs, streamed and not. Never a 500, never a dropped connection, and every
// error in the client's own shape.

const apis: WireApi[] = ["openai-chat", "openai-responses", "anthropic-messages"];
const runsPerPair = Number(process.env["WRONG_TYPES_RUNS"] ?? 150);

let stack: HardeningStack;
beforeAll(async () => {
  stack = await startHardeningStack();
});
afterAll(async () => {
  await stack?.close();
});

describe.each(apis)("a %s client", (clientApi) => {
  // Found by the fuzz test: a body of `null` answered 500 on every route (its metadata was read first).
  it.each(["null", "1", '"text"', "[]", "true"])(
    "a body of %s that is JSON but no object is a 400 in the client's shape",
    async (body) => {
      expect(await sendAndJudge({ baseUrl: stack.url, api: clientApi, body })).toEqual({ kind: "ok", status: 400 });
    },
  );

  describe.each(apis)("to a %s upstream", (upstreamApi) => {
    const bodies = [false, true].flatMap((stream) => richBodies(clientApi, `to-${upstreamApi}`, stream));

    it("every rich body is served as it is (the bodies are valid)", async () => {
      for (const body of bodies) {
        const verdict = await sendAndJudge({ baseUrl: stack.url, api: clientApi, body: JSON.stringify(body) });
        expect(verdict, JSON.stringify(body)).toEqual({ kind: "ok", status: 200 });
      }
    });

    it("a wrong value in any field: no 5xx, no dropped connection, every error in the client's shape", async () => {
      const cases = bodies.flatMap((body) => fieldPaths(body).map((path) => ({ body, path })));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...cases),
          fc.oneof(wrongValue(), fc.constant(undefined)),
          async ({ body, path }, value) => {
            const mutated = withValueAt(body, path, value);
            const verdict = await sendAndJudge({ baseUrl: stack.url, api: clientApi, body: JSON.stringify(mutated) });
            if (verdict.kind !== "ok") throw new Error(`${path.join(".")}: ${JSON.stringify(verdict)}`);
          },
        ),
        { numRuns: runsPerPair, seed: Number(process.env["WRONG_TYPES_SEED"] ?? 22), endOnFailure: true },
      );
    });
  });
});
