import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launchdLabel, launchdPlist, systemdUnit, type ServiceCommand } from "../../service/service-definition.js";
import { serviceFilePath, serviceManagerFor, type ServiceManager } from "../../service/service-paths.js";
import { homeOf } from "../../setup/client-paths.js";
import { applyChanges, readTextIfExists } from "../../setup/file-change.js";
import { gatewayFiles } from "../support/gateway-state.js";

/** Runs a service manager command; tests record instead. Resolves with its error output, or undefined on success. */
export type RunCommand = (command: string, args: string[]) => Promise<string | undefined>;

const runCommand: RunCommand = (command, args) =>
  new Promise((done) => {
    execFile(command, args, { timeout: 30_000 }, (error, _stdout, stderr) =>
      done(error === null ? undefined : stderr.trim() || error.message),
    );
  });

export interface ServiceContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  platform: NodeJS.Platform;
  write: (line: string) => void;
  run?: RunCommand;
  uid?: number;
}

/** The command the service runs: this package's entry script with Node's flag, `start`, the config file. */
export function serviceCommand(context: ServiceContext, config: string | undefined): ServiceCommand {
  const entry = fileURLToPath(new URL("../../../bin/switchboard.js", import.meta.url));
  const local = resolve(context.cwd, "switchboard.yaml");
  const configFile = config !== undefined ? resolve(context.cwd, config) : existsSync(local) ? local : undefined;
  return {
    node: process.execPath,
    args: ["--no-memory-reducer", entry, "start", ...(configFile === undefined ? [] : ["--config", configFile])],
    workingDirectory: homeOf(context.env),
    logFile: gatewayFiles(context.env).logFile,
  };
}

function enableCommands(manager: ServiceManager, path: string, uid: number): Array<[string, string[]]> {
  return manager === "systemd"
    ? [
        ["systemctl", ["--user", "daemon-reload"]],
        ["systemctl", ["--user", "enable", "--now", "switchboard.service"]],
      ]
    : [["launchctl", ["bootstrap", `gui/${uid}`, path]]];
}

function disableCommands(manager: ServiceManager, uid: number): Array<[string, string[]]> {
  return manager === "systemd"
    ? [["systemctl", ["--user", "disable", "--now", "switchboard.service"]]]
    : [["launchctl", ["bootout", `gui/${uid}/${launchdLabel}`]]];
}

async function runAll(commands: Array<[string, string[]]>, context: ServiceContext): Promise<boolean> {
  const run = context.run ?? runCommand;
  for (const [command, args] of commands) {
    const failure = await run(command, args);
    if (failure !== undefined) {
      context.write(`\`${[command, ...args].join(" ")}\` failed: ${failure}`);
      context.write(`Run it yourself once the ${command} session is available.`);
      return false;
    }
  }
  return true;
}

/** `switchboard service install`: writes the unit (or agent) and enables it. Returns whether all went well. */
export async function installService(
  options: { config?: string; enable?: boolean },
  context: ServiceContext,
): Promise<boolean> {
  const manager = serviceManagerFor(context.platform);
  if (manager === undefined) {
    context.write(`No service manager support on ${context.platform}; run \`switchboard start --detach\` instead.`);
    return false;
  }
  const path = serviceFilePath(manager, context.env);
  const command = serviceCommand(context, options.config);
  const text = manager === "systemd" ? systemdUnit(command) : launchdPlist(command);
  const before = await readTextIfExists(path);
  for (const line of await applyChanges([{ path, before, after: text, backup: false }])) context.write(line);
  if (options.enable === false) return true;
  const uid = context.uid ?? process.getuid?.() ?? 0;
  const enabled = await runAll(enableCommands(manager, path, uid), context);
  if (enabled) context.write(`Enabled: Switchboard starts at login and restarts on failure. Log: ${command.logFile}`);
  return enabled;
}

export async function uninstallService(context: ServiceContext): Promise<boolean> {
  const manager = serviceManagerFor(context.platform);
  if (manager === undefined) return false;
  const path = serviceFilePath(manager, context.env);
  if (!existsSync(path)) {
    context.write(`No service installed (${path} does not exist).`);
    return true;
  }
  const disabled = await runAll(disableCommands(manager, context.uid ?? process.getuid?.() ?? 0), context);
  await rm(path);
  context.write(`removed ${path}`);
  if (manager === "systemd") await runAll([["systemctl", ["--user", "daemon-reload"]]], context);
  return disabled;
}
