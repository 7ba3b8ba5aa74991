// `keys`'s definition; ./keys.js loads when a keys command runs (RSS of the laptop gateway).
import type { Command } from "commander";
import { keyJson, keyLine } from "../../keys/key-json.js";
import type { KeyService } from "../../keys/key-service.js";
import type { LoadedConfig } from "../../config/load-config.js";
import type { KeyFlags } from "./keys.js";

/** The CLI's flags as the key fields the service reads (`maxParallel` → `max_parallel`). */
function fieldsOf(flags: KeyFlags): Record<string, unknown> {
  return {
    name: flags.name,
    models: flags.models,
    mcp: flags.mcp,
    rpm: flags.rpm,
    tpm: flags.tpm,
    max_parallel: flags.maxParallel,
    budget: flags.budget,
    premium_requests: flags.premiumRequests,
    expires: flags.expires,
  };
}

/** One key operation; the store, kysely and Redis load only when a `keys` command runs (RSS of the laptop gateway). */
async function withKeys(
  flags: KeyFlags,
  operation: (keys: KeyService, loaded: LoadedConfig) => Promise<void>,
): Promise<void> {
  await (await import("./keys.js")).withKeys(flags, operation);
}

async function warnOfUnknownModels(flags: KeyFlags, models: string[] | undefined, loaded: LoadedConfig): Promise<void> {
  if (flags.models !== undefined) await (await import("./keys.js")).warnOfUnknownModels(models, loaded);
}

function limitOptions(command: Command): Command {
  return command
    .option("--models <list>", "models (route names) the key may use, comma-separated (default: all)")
    .option(
      "--mcp <grants>",
      "tool servers the key may use through /mcp: server, server/tool or *, comma-separated (default: none)",
    )
    .option("--rpm <n>", "requests per minute")
    .option("--tpm <n>", "tokens per minute")
    .option("--max-parallel <n>", "requests in flight at once")
    .option("--budget <amount>", "estimated spend per period, e.g. 50usd/month (day, week, month)")
    .option("--premium-requests <n>", "Copilot premium requests per period, e.g. 300/month")
    .option("--expires <when>", "lifetime (30d, 12h, 2w) or a date (2027-01-31)")
    .option("--config <file>", "config file naming the usage store's database (store.url)");
}

/** `switchboard keys create|list|update|revoke|rotate`. */
export function registerKeysCommand(program: Command): void {
  const keys = program
    .command("keys")
    .description("manage virtual keys (per person or CI job: models, limits, budget)");
  limitOptions(keys.command("create").description("create a key and print it (once: it is stored only hashed)"))
    .requiredOption("--name <name>", "who or what uses the key")
    .action((flags: KeyFlags) =>
      withKeys(flags, async (service, loaded) => {
        const { key, secret } = await service.create(fieldsOf(flags));
        console.log(`Created ${keyLine(key, Date.now())}`);
        console.log(`Key (shown once, store it now): ${secret}`);
        await warnOfUnknownModels(flags, key.models, loaded);
      }),
    );
  keys
    .command("list")
    .description("list keys (never the keys themselves)")
    .option("--json", "as JSON")
    .option("--config <file>", "config file naming the usage store's database")
    .action((flags: KeyFlags) =>
      withKeys(flags, async (service) => {
        const list = await service.list();
        if (flags.json === true) console.log(JSON.stringify(list.map(keyJson), null, 2));
        else if (list.length === 0) console.log("No keys yet: switchboard keys create --name <name>");
        else for (const key of list) console.log(keyLine(key, Date.now()));
      }),
    );
  limitOptions(
    keys.command("update <id>").description("change a key's name, models or limits (a value of none removes one)"),
  )
    .option("--name <name>", "new name")
    .action((id: string, flags: KeyFlags) =>
      withKeys(flags, async (service, loaded) => {
        const key = await service.update(id, fieldsOf(flags));
        console.log(`Updated ${keyLine(key, Date.now())}`);
        await warnOfUnknownModels(flags, key.models, loaded);
      }),
    );
  keys
    .command("revoke <id>")
    .description("revoke a key: every gateway refuses it within a second")
    .option("--config <file>", "config file naming the usage store's database")
    .action((id: string, flags: KeyFlags) =>
      withKeys(flags, async (service) => console.log(`Revoked ${keyLine(await service.revoke(id), Date.now())}`)),
    );
  keys
    .command("rotate <id>")
    .description("replace a key's secret (limits and spend kept); prints the new key once")
    .option("--config <file>", "config file naming the usage store's database")
    .action((id: string, flags: KeyFlags) =>
      withKeys(flags, async (service) => {
        const { key, secret } = await service.rotate(id);
        console.log(`Rotated ${keyLine(key, Date.now())}`);
        console.log(`New key (shown once): ${secret}`);
      }),
    );
}
