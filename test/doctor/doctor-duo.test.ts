import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDoctor } from "../../src/cli/commands/doctor.js";
import { startFakeGitlab, type FakeGitlab } from "../fake-gitlab/start-fake-gitlab.js";
import { makeFakeHome } from "../setup/fake-home.js";

let gitlab: FakeGitlab;

beforeAll(async () => {
  gitlab = await startFakeGitlab({ tokensWithoutSeat: ["glpat-no-seat"] });
});
afterAll(() => gitlab.close());

/** The doctor on a config with one Duo provider signing in with `token`; the port is nobody's. */
async function doctorWithDuo(token: string): Promise<{ healthy: boolean; lines: string[] }> {
  const home = await makeFakeHome();
  const config = await home.writeConfig(
    [
      "server:\n  port: 1\n  log_level: silent",
      `providers:\n  duo:\n    type: gitlab-duo\n    token: ${token}\n    instance_url: ${gitlab.instanceUrl}\n    gateway_url: ${gitlab.gatewayUrl}`,
      "store:\n  enabled: false\n",
    ].join("\n"),
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

describe("switchboard doctor: GitLab Duo's direct access", () => {
  it("asks GitLab for a direct-access token: a user with a Duo seat passes, and when it expires is said", async () => {
    const before = gitlab.state.issuedTokens.length;
    const { lines } = await doctorWithDuo("glpat-valid");
    expect(lines.join("\n")).toMatch(
      new RegExp(
        `^✓ Provider duo \\(gitlab-duo\\): reached and signed in; \\d+ models; direct access from ${gitlab.instanceUrl.replace(/[.]/g, "\\.")} until \\d{4}-\\d\\d-\\d\\dT`,
        "m",
      ),
    );
    expect(gitlab.state.issuedTokens.length).toBe(before + 1);
  });

  it("names a token whose user has no Duo seat, with the fix", async () => {
    const { healthy, lines } = await doctorWithDuo("glpat-no-seat");
    const index = lines.findIndex((line) => line.startsWith("✗ Provider duo (gitlab-duo):"));
    expect(index, lines.join("\n")).toBeGreaterThanOrEqual(0);
    expect(lines[index]).toContain("the account has no GitLab Duo seat");
    expect(lines[index + 1]).toBe(
      "    Fix: set providers.duo.token (or GITLAB_TOKEN) to a personal access token with the api scope, of a user with a Duo seat",
    );
    expect(healthy).toBe(false);
  });

  it("names a token GitLab rejects", async () => {
    const { healthy, lines } = await doctorWithDuo("glpat-wrong");
    const line = lines.find((entry) => entry.startsWith("✗ Provider duo (gitlab-duo):"));
    expect(line, lines.join("\n")).toContain("rejected the personal access token");
    expect(healthy).toBe(false);
  });
});
