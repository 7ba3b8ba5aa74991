import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import type { HardeningStack } from "./start-hardening-stack.js";

/** Starts `run-hardening-stack.ts` in a child process and resolves once its gateway listens. */
export async function spawnHardeningStack(): Promise<HardeningStack> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", new URL("./run-hardening-stack.ts", import.meta.url).pathname],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const [line] = (await Promise.race([
    once(lines, "line"),
    once(child, "exit").then(([code]) => {
      throw new Error(`the hardening stack exited with ${String(code)} before listening`);
    }),
  ])) as [string];
  const { url } = JSON.parse(line) as { url: string };
  return {
    url,
    async close() {
      if (child.exitCode !== null) return;
      child.stdin.end();
      await once(child, "exit");
    },
  };
}
