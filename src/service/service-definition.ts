/** What a service manager runs: the Node binary and its arguments, and where output goes. */
export interface ServiceCommand {
  node: string;
  /** Everything after the Node binary: its flags, the entry script, `start`, options. */
  args: string[];
  /** The folder the gateway runs in (its `switchboard.yaml` and `.env` are looked up there). */
  workingDirectory: string;
  logFile: string;
}

/** A word for a systemd command line: quoted when it holds anything but plain path characters. */
function systemdWord(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `"${word.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** A systemd user unit that restarts the gateway on failure and stops it with SIGTERM (graceful). */
export function systemdUnit(command: ServiceCommand): string {
  return `[Unit]
Description=Switchboard, the gateway between AI coding tools and their models
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
ExecStart=${[command.node, ...command.args].map(systemdWord).join(" ")}
WorkingDirectory=${systemdWord(command.workingDirectory)}
Restart=on-failure
RestartSec=5
KillSignal=SIGTERM
TimeoutStopSec=30
StandardOutput=append:${command.logFile}
StandardError=append:${command.logFile}

[Install]
WantedBy=default.target
`;
}

function xmlText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export const launchdLabel = "dev.switchboard.gateway";

/** A launchd agent that starts at login and is restarted when it exits with a failure. */
export function launchdPlist(command: ServiceCommand): string {
  const programArguments = [command.node, ...command.args]
    .map((arg) => `    <string>${xmlText(arg)}</string>`)
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${launchdLabel}</string>
  <key>ProgramArguments</key>
  <array>
${programArguments}
  </array>
  <key>WorkingDirectory</key>
  <string>${xmlText(command.workingDirectory)}</string>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>StandardOutPath</key>
  <string>${xmlText(command.logFile)}</string>
  <key>StandardErrorPath</key>
  <string>${xmlText(command.logFile)}</string>
</dict>
</plist>
`;
}
