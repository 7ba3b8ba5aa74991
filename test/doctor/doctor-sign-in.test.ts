import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDoctor } from "../../src/cli/commands/doctor.js";
import { startFakeGitlab, type FakeGitlab } from "../fake-gitlab/start-fake-gitlab.js";
import { startFakeUpstream } from "../fake-upstream/index.js";
import type { FakeUpstream } from "../fake-upstream/types.js";
import { makeFakeHome } from "../setup/fake-home.js";

let gitlab: FakeGitlab;
let listing: FakeUpstream;
let unlisted: FakeUpstream;

beforeAll(async () => {
  gitlab = await startFakeGitlab({ tokensWithoutSeat: ["glpat-no-seat"] });
  listing = await startFakeUpstream({ apiKey: "sk-up", models: ["gpt-5.1"] });
  // A server without GET /models (404), as company gateways often are: its models come from the config.
  unlisted = await startFakeUpstream({ apiKey: "sk-up", models: false });
});
afterAll(async () => {
  await Promise.all([gitlab.close(), listing.close(), unlisted.close()]);
});

/** The doctor on a config with one provider (YAML under `providers:`); the port is nobody's, no store. */
async function doctorWith(provider: string): Promise<{ healthy: boolean; lines: string[] }> {
  const home = await makeFakeHome();
  const config = await home.writeConfig(
    `server:\n  port: 1\n  log_level: silent\nstore:\n  enabled: false\nproviders:\n${provider}\n`,
  );
  const lines: string[] = [];
  const healthy = await runDoctor({
    target: { config },
    env: { HOME: home.home, PATH: "" },
    cwd: home.cwd,
    write: (line) => lines.push(line),
    providerTimeoutMs: 5_000,
  });
  return { healthy, lines };
}

function duo(token: string): string {
  return `  duo:\n    type: gitlab-duo\n    token: ${token}\n    instance_url: ${gitlab.instanceUrl}\n    gateway_url: ${gitlab.gatewayUrl}`;
}

function listed(url: string, key: string): string {
  return `  up:\n    type: openai-compatible\n    base_url: ${url}/v1\n    api_key: ${key}\n    models: [gpt-5.1]`;
}

describe("switchboard doctor: GitLab Duo's direct access", () => {
  it("asks GitLab for a direct-access token: a user with a Duo seat passes, and when it expires is said", async () => {
    const before = gitlab.state.issuedTokens.length;
    const { lines } = await doctorWith(duo("glpat-valid"));
    expect(lines.join("\n")).toMatch(
      new RegExp(
        `^✓ Provider duo \\(gitlab-duo\\): reached and signed in; \\d+ models; direct access from ${gitlab.instanceUrl.replace(/[.]/g, "\\.")} until \\d{4}-\\d\\d-\\d\\dT`,
        "m",
      ),
    );
    expect(gitlab.state.issuedTokens.length).toBe(before + 1);
  });

  it("names a token whose user has no Duo seat, with the fix", async () => {
    const { healthy, lines } = await doctorWith(duo("glpat-no-seat"));
    const index = lines.findIndex((line) => line.startsWith("✗ Provider duo (gitlab-duo):"));
    expect(index, lines.join("\n")).toBeGreaterThanOrEqual(0);
    expect(lines[index]).toContain("the account has no GitLab Duo seat");
    expect(lines[index + 1]).toBe(
      "    Fix: set providers.duo.token (or GITLAB_TOKEN) to a personal access token with the api scope, of a user with a Duo seat",
    );
    expect(healthy).toBe(false);
  });

  it("names a token GitLab rejects", async () => {
    const { healthy, lines } = await doctorWith(duo("glpat-wrong"));
    const line = lines.find((entry) => entry.startsWith("✗ Provider duo (gitlab-duo):"));
    expect(line, lines.join("\n")).toContain("rejected the personal access token");
    expect(healthy).toBe(false);
  });
});

describe("switchboard doctor: an API key whose provider's models the config lists", () => {
  it("is checked against GET /models all the same: the right key passes, a wrong one is named", async () => {
    const good = await doctorWith(listed(listing.url, "sk-up"));
    expect(good.lines, good.lines.join("\n")).toContain(
      "✓ Provider up (openai-compatible): reached and signed in; 1 models",
    );
    const bad = await doctorWith(listed(listing.url, "sk-wrong"));
    const index = bad.lines.findIndex((line) => line.startsWith("✗ Provider up (openai-compatible):"));
    expect(index, bad.lines.join("\n")).toBeGreaterThanOrEqual(0);
    expect(bad.lines[index]).toContain("HTTP 401");
    expect(bad.lines[index + 1]).toBe(
      "    Fix: check providers.up.api_key (or its environment variable) and that the account has access",
    );
    expect(bad.healthy).toBe(false);
  });

  it("does the same for an Anthropic provider", async () => {
    const provider = (key: string) =>
      `  claude:\n    type: anthropic\n    base_url: ${listing.url}\n    api_key: ${key}\n    models: [claude-sonnet-4-5]`;
    const good = await doctorWith(provider("sk-up"));
    expect(good.lines, good.lines.join("\n")).toContain(
      "✓ Provider claude (anthropic): reached and signed in; 1 models",
    );
    const bad = await doctorWith(provider("sk-wrong"));
    expect(
      bad.lines.find((line) => line.startsWith("✗ Provider claude (anthropic):")),
      bad.lines.join("\n"),
    ).toContain("HTTP 401");
  });

  it("passes a server that has no GET /models (404): it was reached, and its models come from the config", async () => {
    const { lines } = await doctorWith(listed(unlisted.url, "sk-up"));
    expect(lines, lines.join("\n")).toContain("✓ Provider up (openai-compatible): reached and signed in; 1 models");
  });
});
