import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";

/** The reference servers from the npm registry, started with this Node. */
export const referenceServer = {
  memory: resolve("node_modules/@modelcontextprotocol/server-memory/dist/index.js"),
  filesystem: resolve("node_modules/@modelcontextprotocol/server-filesystem/dist/index.js"),
  everything: resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js"),
};

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

/** server-everything over Streamable HTTP, as a remote server would be. */
export async function startEverythingHttp(): Promise<{ url: string; close(): Promise<void> }> {
  for (let attempt = 0; ; attempt += 1) {
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, [referenceServer.everything, "streamableHttp"], {
      env: { PATH: process.env["PATH"] ?? "", PORT: String(port) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const started = await new Promise<boolean>((done) => {
      let text = "";
      child.stderr?.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes("listening on port")) done(true);
        if (text.includes("already in use")) done(false);
      });
      child.once("exit", () => done(false));
    });
    if (started) {
      return {
        url: `http://127.0.0.1:${port}/mcp`,
        close: async () => {
          if (child.exitCode !== null) return;
          const exited = new Promise((done) => child.once("exit", done));
          child.kill();
          await exited;
        },
      };
    }
    child.kill();
    if (attempt >= 3) throw new Error("server-everything (streamableHttp) did not start");
  }
}
