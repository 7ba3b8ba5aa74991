import { homedir } from "node:os";
import { join } from "node:path";

/** Where Switchboard keeps its data (the usage database): `$XDG_DATA_HOME/switchboard`, else `~/.local/share/switchboard`. */
export function userDataDir(env: NodeJS.ProcessEnv): string {
  const base =
    env["XDG_DATA_HOME"] !== undefined && env["XDG_DATA_HOME"] !== ""
      ? env["XDG_DATA_HOME"]
      : join(env["HOME"] ?? homedir(), ".local", "share");
  return join(base, "switchboard");
}
