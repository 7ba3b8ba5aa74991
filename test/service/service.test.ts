import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { installService, uninstallService, type ServiceContext } from "../../src/cli/commands/service.js";

async function context(platform: NodeJS.Platform): Promise<ServiceContext & { commands: string[]; output: string[] }> {
  const home = await realpath(await mkdtemp(join(tmpdir(), "switchboard-service-")));
  const commands: string[] = [];
  const output: string[] = [];
  return {
    env: { HOME: home },
    cwd: home,
    platform,
    uid: 1000,
    write: (line) => output.push(line),
    run: async (command, args) => {
      commands.push([command, ...args].join(" "));
      return undefined;
    },
    commands,
    output,
  };
}

function systemdAnalyze(path: string): Promise<{ code: number; output: string } | undefined> {
  return new Promise((resolve) => {
    execFile("systemd-analyze", ["verify", path], (error, stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === "ENOENT") return resolve(undefined);
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), output: stdout + stderr });
    });
  });
}

describe("switchboard service install / uninstall", () => {
  it("writes a systemd user unit that systemd-analyze accepts, enables it, and removes it again", async () => {
    const linux = await context("linux");
    await writeFile(join(linux.cwd, "my config.yaml"), "server:\n  port: 4999\n");
    expect(await installService({ config: "my config.yaml" }, linux)).toBe(true);
    const unitPath = join(linux.env["HOME"]!, ".config", "systemd", "user", "switchboard.service");
    const unit = await readFile(unitPath, "utf8");
    expect(unit).toContain(`ExecStart=${process.execPath} --no-memory-reducer `);
    expect(unit).toContain(`/bin/switchboard.js start --config "${join(linux.cwd, "my config.yaml")}"`);
    expect(unit).toContain("Restart=on-failure");
    expect(unit).toContain(
      `StandardOutput=append:${join(linux.env["HOME"]!, ".local", "share", "switchboard", "gateway.log")}`,
    );
    expect(linux.commands).toEqual([
      "systemctl --user daemon-reload",
      "systemctl --user enable --now switchboard.service",
    ]);

    const verified = await systemdAnalyze(unitPath);
    if (verified !== undefined) expect(verified, verified.output).toEqual({ code: 0, output: "" });

    expect(await uninstallService(linux)).toBe(true);
    expect(existsSync(unitPath)).toBe(false);
    expect(linux.commands.slice(2)).toEqual([
      "systemctl --user disable --now switchboard.service",
      "systemctl --user daemon-reload",
    ]);
  });

  it("writes a launchd agent on macOS that restarts on failure, and boots it out on uninstall", async () => {
    const mac = await context("darwin");
    expect(await installService({}, mac)).toBe(true);
    const plistPath = join(mac.env["HOME"]!, "Library", "LaunchAgents", "dev.switchboard.gateway.plist");
    const plist = await readFile(plistPath, "utf8");
    expect(plist).toContain("<key>KeepAlive</key>\n  <dict>\n    <key>SuccessfulExit</key>\n    <false/>");
    expect(plist).toContain(`<string>${process.execPath}</string>\n    <string>--no-memory-reducer</string>`);
    expect(mac.commands).toEqual([`launchctl bootstrap gui/1000 ${plistPath}`]);
    await uninstallService(mac);
    expect(mac.commands.at(-1)).toBe("launchctl bootout gui/1000/dev.switchboard.gateway");
    expect(existsSync(plistPath)).toBe(false);
  });

  it("says what to run when the service manager cannot be reached, keeping the unit written", async () => {
    const linux = await context("linux");
    linux.run = async () => "Failed to connect to bus: No medium found";
    expect(await installService({}, linux)).toBe(false);
    expect(linux.output).toContain(
      "`systemctl --user daemon-reload` failed: Failed to connect to bus: No medium found",
    );
    expect(existsSync(join(linux.env["HOME"]!, ".config", "systemd", "user", "switchboard.service"))).toBe(true);
  });
});
