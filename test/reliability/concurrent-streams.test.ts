import { Agent, request } from "undici";
import { describe, expect, it } from "vitest";
import { configFromObject } from "../../src/config/index.js";
import { createSilentLogger } from "../../src/lib/logger.js";
import { startServer } from "../../src/server/node.js";
import { startFakeUpstream } from "../fake-upstream/index.js";

/**
 * 1,000 streams open at once through a translated route (Messages in, Chat upstream): every one
 * completes with its whole text and a clean end. Load, not speed: the soak in bench/ measures.
 */
const streams = 1_000;

describe("1,000 concurrent streams", () => {
  it("every stream is served whole, none refused or cut", { timeout: 120_000 }, async () => {
    // Every stream sends its first half, then waits until all 1,000 have reached the upstream:
    // however slowly this machine admits them, they are all open at once.
    let arrived = 0;
    let allArrived: () => void = () => undefined;
    const allOpen = new Promise<void>((resolve) => (allArrived = resolve));
    const upstream = await startFakeUpstream({
      apiKey: "k",
      models: ["m"],
      script: () => {
        arrived += 1;
        if (arrived === streams) allArrived();
        return { text: "one two three four five six seven eight", pauseMidStream: allOpen };
      },
    });
    const config = configFromObject({
      providers: {
        up: {
          type: "openai",
          base_url: `${upstream.url}/v1`,
          api_key: "k",
          models: [{ id: "m", apis: ["openai-chat"] }],
        },
      },
    });
    const server = await startServer({ config, port: 0, logger: createSilentLogger() });
    const agent = new Agent({ connections: streams });
    let ended = 0;
    let endedBeforeAllOpen: number | undefined;
    void allOpen.then(() => (endedBeforeAllOpen = ended));
    try {
      const one = async (): Promise<string> => {
        const response = await request(`${server.url}/v1/messages`, {
          method: "POST",
          dispatcher: agent,
          headers: { "content-type": "application/json", "anthropic-version": "2023-06-01" },
          body: JSON.stringify({
            model: "up/m",
            max_tokens: 50,
            stream: true,
            messages: [{ role: "user", content: "count" }],
          }),
        });
        expect(response.statusCode).toBe(200);
        const text = await response.body.text();
        ended += 1;
        return text;
      };
      const settled = await Promise.allSettled(Array.from({ length: streams }, one));
      const failed = settled.filter((result) => result.status === "rejected");
      expect(failed.map((result) => String((result as PromiseRejectedResult).reason))).toEqual([]);
      const answers = settled.map((result) => (result.status === "fulfilled" ? result.value : ""));
      for (const answer of answers) {
        const text = [...answer.matchAll(/"text_delta","text":"([^"]*)"/g)].map((match) => match[1]).join("");
        expect(text).toBe("one two three four five six seven eight");
        expect(answer).toMatch(/event: message_stop\ndata: \{"type":"message_stop"\}\n\n$/);
      }
      // All 1,000 were open upstream at once: none had ended when the last one arrived.
      expect(arrived).toBe(streams);
      expect(endedBeforeAllOpen).toBe(0);
    } finally {
      await agent.close();
      await server.close();
      await upstream.close();
    }
  });
});
