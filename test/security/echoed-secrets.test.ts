import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromObject } from "../../src/config/index.js";
import { createLogger } from "../../src/lib/logger.js";
import { startServer, type RunningServer } from "../../src/server/node.js";
import { startFakeGithub, type FakeGithub } from "../fake-github/start-fake-github.js";
import { startFakeGitlab, type FakeGitlab } from "../fake-gitlab/start-fake-gitlab.js";
import { listenOnLoopback, type LoopbackServer } from "../support/listen-on-loopback.js";

/**
 * An upstream (or a proxy in front of it) that answers an error by echoing the request's headers,
 * Authorization included: the credential must reach neither the client nor any log line, at any
 * level. Each provider kind's credential is covered: an API key, the Copilot token (and the GitHub
 * token behind it), the Duo direct-access token (and the personal access token behind it).
 */
const upstreamKey = "upstream-key-without-a-known-prefix-0123";
const githubToken = "ghu_valid";
const gitlabToken = "glpat-valid";

/** Every credential value the echo server saw, to look for afterwards. */
const seenCredentials = new Set<string>();
let echoStatus = 400;
/** Generation requests that reached an echo server, by provider. */
const refusedCalls = new Map<string, number>();

function echoError(request: IncomingMessage, response: ServerResponse, provider: string, forward?: string): void {
  if (request.method === "GET" && forward !== undefined) {
    // Model lists pass through to the real fake, so routing works; generation requests fail.
    void fetch(`${forward}${request.url ?? ""}`, { headers: request.headers as Record<string, string> }).then(
      async (answer) => {
        response.writeHead(answer.status, { "content-type": "application/json" });
        response.end(await answer.text());
      },
    );
    return;
  }
  for (const name of ["authorization", "x-api-key", "x-gitlab-oidc-token"]) {
    const value = request.headers[name];
    if (typeof value === "string") {
      seenCredentials.add(value);
      seenCredentials.add(value.replace(/^Bearer\s+/i, ""));
    }
  }
  refusedCalls.set(provider, (refusedCalls.get(provider) ?? 0) + 1);
  request.resume();
  const headerLines = Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${String(value)}`)
    .join("\n");
  const body = JSON.stringify({
    error: {
      message: `Request refused. We received:\n${headerLines}`,
      type: "invalid_request_error",
      received_headers: request.headers,
    },
    type: "error",
  });
  response.writeHead(echoStatus, { "content-type": "application/json" });
  response.end(body);
}

let github: FakeGithub;
let gitlab: FakeGitlab;
let echoes: LoopbackServer[];
let server: RunningServer;
const logLines: string[] = [];

beforeAll(async () => {
  github = await startFakeGithub({ githubTokens: [githubToken] });
  gitlab = await startFakeGitlab({ validTokens: [gitlabToken] });
  const plain = await listenOnLoopback(createServer((request, response) => echoError(request, response, "plain")));
  const copilot = await listenOnLoopback(
    createServer((request, response) => echoError(request, response, "copilot", github.copilotUrl)),
  );
  const duo = await listenOnLoopback(createServer((request, response) => echoError(request, response, "duo")));
  echoes = [plain, copilot, duo];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString("utf8"));
      done();
    },
  });
  const config = configFromObject({
    router: { retries: 0 },
    providers: {
      openai: { type: "openai", base_url: `${plain.url}/v1`, api_key: upstreamKey, models: ["gpt-test"] },
      anthropic: { type: "anthropic", base_url: plain.url, api_key: upstreamKey, models: ["claude-test"] },
      copilot: {
        type: "github-copilot",
        token: githubToken,
        github_url: github.githubUrl,
        github_api_url: github.apiUrl,
        base_url: copilot.url,
      },
      duo: { type: "gitlab-duo", token: gitlabToken, instance_url: gitlab.instanceUrl, gateway_url: duo.url },
    },
  });
  server = await startServer({
    config,
    port: 0,
    logger: createLogger({ level: "trace", destination }),
    env: {},
  });
});

afterAll(async () => {
  await server.close();
  for (const echo of echoes) await echo.close();
  await github.close();
  await gitlab.close();
});

async function send(path: string, body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "anthropic-version": "2023-06-01" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBeGreaterThanOrEqual(400);
  return `${JSON.stringify([...response.headers])}\n${await response.text()}`;
}

describe("credentials echoed back by an upstream's error reach neither the client nor the logs", () => {
  const models = ["openai/gpt-test", "anthropic/claude-test", "copilot/gpt-4.1", "duo/claude-sonnet-4-5-20250929"];
  for (const status of [400, 401, 500]) {
    for (const model of models) {
      it(`${model}, the upstream answering ${status}`, async () => {
        echoStatus = status;
        const provider = model.startsWith("copilot/") ? "copilot" : model.startsWith("duo/") ? "duo" : "plain";
        const before = refusedCalls.get(provider) ?? 0;
        const answers = [
          await send("/v1/chat/completions", { model, messages: [{ role: "user", content: "hi" }] }),
          await send("/v1/messages", {
            model,
            max_tokens: 10,
            stream: true,
            messages: [{ role: "user", content: "hi" }],
          }),
        ].join("\n");
        const secrets = [...seenCredentials, upstreamKey, githubToken, gitlabToken];
        // Both requests reached the echoing upstream: its answer is what was checked.
        expect(refusedCalls.get(provider) ?? 0, answers).toBeGreaterThanOrEqual(before + 2);
        const logs = logLines.join("");
        for (const secret of secrets) {
          expect(answers, `client answer for ${model}`).not.toContain(secret);
          expect(logs, `logs for ${model}`).not.toContain(secret);
        }
      });
    }
  }

  it("the echo server did see each kind of credential (the test looked for real values)", () => {
    const values = [...seenCredentials].join("\n");
    expect(values).toContain(upstreamKey);
    // The Copilot token the fake issued, and a Duo direct-access token, both went out as Bearer.
    expect([...seenCredentials].filter((value) => value.startsWith("Bearer ")).length).toBeGreaterThanOrEqual(2);
    expect(logLines.length).toBeGreaterThan(0);
  });
});
