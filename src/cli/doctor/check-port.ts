import { createServer } from "node:net";
import type { LoadedConfig } from "../../config/load-config.js";
import { fail, pass, type CheckResult } from "./check-result.js";

async function answersAsSwitchboard(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_500) });
    const body = (await response.json().catch(() => undefined)) as { status?: string } | undefined;
    return response.ok && body?.status === "ok";
  } catch {
    return false;
  }
}

function tryListen(host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => resolve(error));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** The configured port: Switchboard answers there, or it is free for it, or something else holds it. */
export async function checkPort(loaded: LoadedConfig, url: string): Promise<CheckResult> {
  const { host, port } = loaded.config.server;
  const name = `Port ${port}`;
  if (await answersAsSwitchboard(url)) return pass(name, `Switchboard answers at ${url}`);
  const error = await tryListen(host, port);
  if (error === undefined)
    return pass(name, `free on ${host} (the gateway is not running: \`switchboard start --detach\`)`);
  if (error.code === "EADDRINUSE")
    return fail(
      name,
      `in use by another program on ${host}`,
      "stop that program, or set server.port (or PORT) to a free port",
    );
  return fail(
    name,
    `cannot listen on ${host}:${port} (${error.code ?? error.message})`,
    "set server.host / server.port",
  );
}
