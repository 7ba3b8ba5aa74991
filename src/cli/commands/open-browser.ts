import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * Tries to open `url` in the user's browser: `open` on macOS, `xdg-open` on a Linux desktop.
 * Over SSH or without a display nothing happens; the printed URL is what counts. Never throws.
 * Only web addresses are opened: the URL comes from an upstream's answer, and `open`/`xdg-open`
 * would as readily run a `file:` path or take a leading `-` as an option.
 */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): void {
  if (!/^https?:\/\//i.test(url)) return;
  const command = process.platform === "darwin" ? "open" : "xdg-open";
  if (process.platform !== "darwin") {
    const hasDisplay = (env["DISPLAY"] ?? "") !== "" || (env["WAYLAND_DISPLAY"] ?? "") !== "";
    if (!hasDisplay || (env["SSH_CONNECTION"] ?? "") !== "") return;
  }
  if (!onPath(command, env)) return;
  try {
    const child = spawn(command, [url], { detached: true, stdio: "ignore" });
    child.on("error", () => undefined);
    child.unref();
  } catch {
    // Opening the browser is a convenience only.
  }
}

function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  return (env["PATH"] ?? "")
    .split(delimiter)
    .some((directory) => directory !== "" && existsSync(join(directory, command)));
}
