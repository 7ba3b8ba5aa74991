// `launch-client`'s definition; ./launch-client.js loads when it runs, not with every `switchboard start` (RSS of the laptop gateway).
import type { Command } from "commander";

export function registerLaunchClientCommands(program: Command): void {
  // Options after `claude`/`codex` are the client's own: they pass through untouched.
  program.enablePositionalOptions();
  for (const [client, label] of [
    ["claude", "Claude Code"],
    ["codex", "Codex"],
  ] as const) {
    program
      .command(client)
      .description(
        `run ${label} pointed at this gateway (started in the background if not up); arguments go to ${client}`,
      )
      .argument("[args...]", `arguments for ${client}`)
      .allowUnknownOption()
      .helpOption(false)
      .passThroughOptions()
      .action(async (args: string[]) => {
        process.exitCode = await (
          await import("./launch-client.js")
        ).launchClient({ client, args, env: process.env, write: (line) => console.error(line) });
      });
  }
}
