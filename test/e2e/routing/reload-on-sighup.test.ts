import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, it } from "vitest";
import { startFakeUpstream } from "../../fake-upstream/index.js";
import { referenceServer } from "../../mcp/support/reference-servers.js";

const repositoryRoot = join(import.meta.dirname, "..", "..", "..");

/** `switchboard start --config FILE --port 0` from the sources, its output collected. */
function startCli(
  configFile: string,
  cwd: string,
): { child: ChildProcess; output: () => string; url: Promise<string> } {
  const child = spawn(
    process.execPath,
    [
      "--import",
      import.meta.resolve("tsx"),
      join(repositoryRoot, "src/cli/main.ts"),
      "start",
      "--config",
      configFile,
      "--port",
      "0",
    ],
    { cwd, env: { PATH: process.env["PATH"], HOME: cwd, OPENAI_API_KEY: "sk-up" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let text = "";
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const match = /Switchboard listening on (http:\/\/\S+)/.exec(text);
      if (match?.[1] !== undefined) resolve(match[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`switchboard exited with ${code}: ${text}`)));
  });
  return { child, output: () => text, url };
}

/** A LiteLLM config with one route, `coder`, to `model` on the fake. */
function litellmConfig(fakeUrl: string, model: string, extra = ""): string {
  return `model_list:
  - model_name: coder
    litellm_params:
      model: openai/${model}
      api_base: ${fakeUrl}/v1
      api_key: os.environ/OPENAI_API_KEY
litellm_settings:
  set_verbose: true
general_settings:
  log_level: info
${extra}`;
}

async function waitFor(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 200; tries += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("condition not met in time");
}

describe("switchboard start reloads its config on SIGHUP", () => {
  it("keeps a stream in flight alive, serves new requests with the new config, and refuses a broken one", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const fake = await startFakeUpstream({
      apiKey: "sk-up",
      models: ["model-one", "model-two"],
      script: (call) => {
        const body = call.body as { model: string; stream?: boolean };
        return body.stream === true
          ? { text: `streamed by ${body.model}`, pauseMidStream: held }
          : { text: body.model };
      },
    });
    const directory = await mkdtemp(join(tmpdir(), "switchboard-reload-"));
    const file = join(directory, "litellm_config.yaml");
    await writeFile(file, litellmConfig(fake.url, "model-one"));
    const cli = startCli(file, directory);
    try {
      const url = await cli.url;
      // The unsupported LiteLLM keys are named at start-up.
      expect(cli.output()).toContain("Warning: litellm_settings.set_verbose: not supported; ignored");
      expect(cli.output()).toContain("Warning: general_settings.log_level: not supported; ignored");
      const chat = (stream: boolean) =>
        fetch(`${url}/v1/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ model: "coder", stream, messages: [{ role: "user", content: "Hi" }] }),
        });

      const inFlight = await chat(true);
      expect(inFlight.headers.get("x-switchboard-model")).toBe("model-one");
      const reader = inFlight.body?.getReader();
      const first = await reader?.read();
      expect(first?.done).toBe(false);

      await writeFile(file, litellmConfig(fake.url, "model-two"));
      cli.child.kill("SIGHUP");
      await waitFor(async () => (await chat(false)).headers.get("x-switchboard-model") === "model-two");

      // The stream that started before the reload finishes on the old config.
      release();
      let rest = new TextDecoder().decode(first?.value);
      for (;;) {
        const next = await reader?.read();
        if (next === undefined || next.done) break;
        rest += new TextDecoder().decode(next.value);
      }
      expect(rest).toContain("data: [DONE]");
      expect(rest).not.toContain('"error"');

      // A broken config is refused with its reason logged; the running one stays.
      await writeFile(
        file,
        "model_list:\n  - model_name: coder\n    litellm_params: {model: openai/x, api_base: 12}\nserver: [",
      );
      cli.child.kill("SIGHUP");
      await waitFor(() => cli.output().includes("config reload refused"));
      const after = await chat(false);
      expect(after.status).toBe(200);
      expect(after.headers.get("x-switchboard-model")).toBe("model-two");
    } finally {
      release();
      cli.child.kill("SIGTERM");
      await fake.close();
    }
  });

  it("stops a tool server removed from mcp_servers, for open MCP sessions too", async () => {
    const fake = await startFakeUpstream({ apiKey: "sk-up", models: ["model-one"], script: () => ({ text: "ok" }) });
    const directory = await mkdtemp(join(tmpdir(), "switchboard-reload-mcp-"));
    const file = join(directory, "litellm_config.yaml");
    const memory = `  memory:\n    command: ${process.execPath}\n    args: ["${referenceServer.memory}"]\n    env: { MEMORY_FILE_PATH: "${join(directory, "memory.jsonl")}" }\n`;
    const filesystem = `  filesystem:\n    command: ${process.execPath}\n    args: ["${referenceServer.filesystem}", "${directory}"]\n`;
    await writeFile(file, litellmConfig(fake.url, "model-one", `mcp_servers:\n${memory}${filesystem}`));
    const cli = startCli(file, directory);
    const client = new Client({ name: "switchboard-sighup-test", version: "1.0.0" });
    try {
      const url = await cli.url;
      await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
      const names = async () => (await client.listTools()).tools.map((tool) => tool.name);
      expect(await names()).toContain("filesystem__list_directory");

      await writeFile(file, litellmConfig(fake.url, "model-one", `mcp_servers:\n${memory}`));
      cli.child.kill("SIGHUP");
      await waitFor(async () => !(await names()).includes("filesystem__list_directory"));
      expect(await names()).toContain("memory__read_graph");
      await expect(
        client.callTool({ name: "filesystem__list_directory", arguments: { path: directory } }),
      ).rejects.toThrow('the MCP server "filesystem" is no longer configured');
    } finally {
      await client.close().catch(() => undefined);
      cli.child.kill("SIGTERM");
      await fake.close();
    }
  });
});
