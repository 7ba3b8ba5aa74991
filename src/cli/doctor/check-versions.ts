import { execFile } from "node:child_process";
import { findClient, installHints, type ClientName } from "../../setup/client-paths.js";
import { fail, note, pass, type CheckResult } from "./check-result.js";

const minimumNode = [20, 18, 1];

function atLeast(version: string, minimum: number[]): boolean {
  const parts = version.replace(/^v/, "").split(".").map(Number);
  for (let index = 0; index < minimum.length; index++) {
    const difference = (parts[index] ?? 0) - (minimum[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}

export function checkNode(version = process.version): CheckResult {
  return atLeast(version, minimumNode)
    ? pass("Node.js", version)
    : fail("Node.js", `${version} is older than ${minimumNode.join(".")}`, "install Node.js 20.18 or newer");
}

function versionOf(binary: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(binary, ["--version"], { timeout: 15_000 }, (error, stdout) =>
      resolve(error === null ? stdout.trim().split("\n")[0] : undefined),
    );
  });
}

/** The client's version, or how to install it (not installed is a note: a user may run only one client). */
export async function checkClientVersion(client: ClientName, env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const name = client === "claude" ? "Claude Code version" : "Codex version";
  const binary = findClient(client, env);
  if (binary === undefined) return note(name, `not installed (${installHints[client]})`);
  const version = await versionOf(binary);
  return version === undefined
    ? fail(name, `${binary} --version failed`, `reinstall: ${installHints[client]}`)
    : pass(name, version);
}
