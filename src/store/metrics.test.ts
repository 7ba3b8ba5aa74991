import { describe, expect, it } from "vitest";
import { createGatewayMetrics } from "./metrics.js";
import type { UsageRecord } from "./usage-record.js";

function row(overrides: Partial<UsageRecord>): UsageRecord {
  return {
    requestId: "req_1",
    startedAt: new Date(0).toISOString(),
    clientApi: "openai-responses",
    requestedModel: "gpt-5.1-codex",
    provider: "copilot",
    upstreamModel: "claude-sonnet-4.5",
    stream: true,
    status: 200,
    durationMs: 1200,
    attempts: [{ provider: "copilot", model: "claude-sonnet-4.5", outcome: "served" }],
    warnings: [],
    ...overrides,
  };
}

describe("the prompt-cache and queue series of /metrics", () => {
  it("show the hit rate since start per model, and the queue's wait and depth", async () => {
    const metrics = createGatewayMetrics({});
    metrics.observe(row({ usage: { inputTokens: 10_000, outputTokens: 10, cacheWriteTokens: 10_000 } }));
    metrics.observe(
      row({
        usage: { inputTokens: 10_000, outputTokens: 10, cacheReadTokens: 9_000 },
        queueWaitMs: 2_500,
        queueDepth: 3,
      }),
    );
    const text = await metrics.registry.metrics();
    expect(text).toContain('switchboard_prompt_cache_hit_ratio{provider="copilot",model="claude-sonnet-4.5"} 0.45');
    expect(text).toContain('switchboard_queue_wait_seconds_count{provider="copilot"} 1');
    expect(text).toContain('switchboard_queue_wait_seconds_sum{provider="copilot"} 2.5');
    expect(text).toContain('switchboard_queue_depth{provider="copilot"} 3');
  });
});

describe("the request series' labels", () => {
  it("never take a refused or unrouted request's model name, which the caller chose", async () => {
    const metrics = createGatewayMetrics({});
    for (let index = 0; index < 50; index += 1) {
      const { provider: _provider, upstreamModel: _upstream, ...refused } = row({ status: 404 });
      metrics.observe({ ...refused, requestedModel: `random-model-${index}`, attempts: [] });
    }
    const { provider: _provider, upstreamModel: _upstream, ...routed } = row({ status: 502, route: "coder" });
    metrics.observe({ ...routed, requestedModel: "coder" });
    metrics.observe(row({}));
    const text = await metrics.registry.metrics();
    expect(text).not.toContain("random-model");
    expect(text).toContain('switchboard_requests_total{route="",provider="none",model="(not routed)",status="404"} 50');
    expect(text).toContain('switchboard_requests_total{route="coder",provider="none",model="coder",status="502"} 1');
    expect(text).toContain('model="claude-sonnet-4.5",status="200"} 1');
  });
});
