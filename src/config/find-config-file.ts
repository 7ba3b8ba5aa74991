import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { ConfigError } from "./config-error.js";

/** The user's Switchboard directory: `$XDG_CONFIG_HOME/switchboard`, else `~/.config/switchboard`. */
export function userConfigDir(env: NodeJS.ProcessEnv): string {
  const base =
    env["XDG_CONFIG_HOME"] !== undefined && env["XDG_CONFIG_HOME"] !== ""
      ? env["XDG_CONFIG_HOME"]
      : join(env["HOME"] ?? homedir(), ".config");
  return join(base, "switchboard");
}

/** `--config FILE` (must exist), else `./switchboard.yaml`, else the user's `config.yaml`; undefined when none exists. */
export function findConfigFile(options: { flag?: string; cwd: string; env: NodeJS.ProcessEnv }): string | undefined {
  if (options.flag !== undefined) {
    const path = resolve(options.cwd, options.flag);
    if (!existsSync(path)) throw new ConfigError(`Config file not found: ${path} (given with --config).`);
    return path;
  }
  const candidates = [join(options.cwd, "switchboard.yaml"), join(userConfigDir(options.env), "config.yaml")];
  return candidates.find((path) => existsSync(path));
}
