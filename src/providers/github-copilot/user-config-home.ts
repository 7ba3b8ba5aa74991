import { homedir } from "node:os";
import { join } from "node:path";

/** `$XDG_CONFIG_HOME`, else `$HOME/.config` (tests set `HOME` in the env they pass). */
export function userConfigHome(env: NodeJS.ProcessEnv): string {
  const xdg = env["XDG_CONFIG_HOME"];
  if (xdg !== undefined && xdg !== "") return xdg;
  return join(env["HOME"] ?? homedir(), ".config");
}
