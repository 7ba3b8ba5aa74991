import { homedir } from "node:os";
import { join } from "node:path";
import { launchdLabel } from "./service-definition.js";

export type ServiceManager = "systemd" | "launchd";

export function serviceManagerFor(platform: NodeJS.Platform): ServiceManager | undefined {
  if (platform === "linux") return "systemd";
  if (platform === "darwin") return "launchd";
  return undefined;
}

/** `~/.config/systemd/user/switchboard.service` or `~/Library/LaunchAgents/dev.switchboard.gateway.plist`. */
export function serviceFilePath(manager: ServiceManager, env: NodeJS.ProcessEnv): string {
  const home = env["HOME"] ?? homedir();
  if (manager === "launchd") return join(home, "Library", "LaunchAgents", `${launchdLabel}.plist`);
  const configHome =
    env["XDG_CONFIG_HOME"] !== undefined && env["XDG_CONFIG_HOME"] !== ""
      ? env["XDG_CONFIG_HOME"]
      : join(home, ".config");
  return join(configHome, "systemd", "user", "switchboard.service");
}
