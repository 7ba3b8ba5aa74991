// `usage`'s definition; ./usage.js loads when it runs, not with every `switchboard start` (RSS of the laptop gateway).
import type { Command } from "commander";
import { ConfigError } from "../../config/config-error.js";

/** The options `usage` takes (their checks are in ./usage.js). */
export interface UsageOptions {
  today?: boolean;
  week?: boolean;
  month?: boolean;
  by?: string;
  config?: string;
  json?: boolean;
}

/** What `--by` may group by. */
export const byValues = ["model", "provider", "session", "client", "key", "route", "day"] as const;

export function registerUsageCommand(program: Command): void {
  program
    .command("usage")
    .description("show what the gateway served: requests, tokens, premium requests, estimated cost, errors, latency")
    .option("--today", "since midnight UTC (the default)")
    .option("--week", "the last 7 days")
    .option("--month", "the last 30 days")
    .option("--by <dimension>", `group by ${byValues.join(", ")}`, "model")
    .option(
      "--config <file>",
      "config file naming the store (default ./switchboard.yaml, then ~/.config/switchboard/config.yaml)",
    )
    .option("--json", "print the report as JSON")
    .action(async (options: UsageOptions) => {
      try {
        await (await import("./usage.js")).showUsage(options);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        console.error(error.message);
        process.exitCode = 1;
      }
    });
}
