import type { Command } from "commander";
import { ConfigError } from "../../config/config-error.js";
import { loadConfig } from "../../config/load-config.js";
import { keyJson, keyLine } from "../../keys/key-json.js";
import { KeyService } from "../../keys/key-service.js";
import type { Kysely } from "kysely";
import { createSqlKeyStore, type KeysDatabase } from "../../keys/sql-key-store.js";
import { KeyInputError } from "../../keys/parse-limits.js";
import { createLogger } from "../../lib/logger.js";
import { connectRedis, waitForRedis } from "../../limits/connect-redis.js";
import { openUsageStore } from "../../store/open-usage-store.js";

interface KeyFlags {
  config?: string;
  name?: string;
  models?: string;
  mcp?: string;
  rpm?: string;
  tpm?: string;
  maxParallel?: string;
  budget?: string;
  premiumRequests?: string;
  expires?: string;
  json?: boolean;
}

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

/**
 * Runs one key operation on the usage store's database (`store.url` / DATABASE_URL: PostgreSQL
 * shared by replicas, else the SQLite file), where every gateway using it reads keys. A change is announced on Redis when one is configured,
 * so running gateways forget the key at once. Bad input names the flag.
 */
async function withKeys(flags: KeyFlags, operation: (keys: KeyService) => Promise<void>): Promise<void> {
  try {
    const loaded = await loadConfig({ flags: flags.config === undefined ? {} : { config: flags.config } });
    if (!loaded.config.store.enabled) {
      console.error(
        "Error: keys live in the usage store's database, and the config turns it off (store.enabled: false).",
      );
      process.exitCode = 1;
      return;
    }
    const logger = createLogger({ level: "warn" });
    const usageStore = await openUsageStore({ store: loaded.config.store, logger });
    const changed: string[] = [];
    try {
      const store = createSqlKeyStore(usageStore.db as unknown as Kysely<KeysDatabase>);
      await operation(new KeyService(store, { onChange: (keyId) => changed.push(keyId) }));
    } finally {
      await usageStore.close();
    }
    const redisConfig = loaded.config.teams?.redis;
    if (changed.length > 0 && redisConfig !== undefined) {
      const redis = connectRedis(redisConfig.url, createLogger({ level: "silent" }), "key changes");
      if (await waitForRedis(redis, 2_000)) {
        for (const keyId of changed) await redis.publish(`${redisConfig.keyPrefix}keys:changed`, keyId);
      }
      redis.disconnect();
    }
  } catch (error) {
    if (error instanceof KeyInputError) {
      const flag = error.field === "id" ? "" : `--${error.field.replaceAll("_", "-")}: `;
      console.error(`Error: ${flag}${error.message}`);
    } else if (error instanceof ConfigError) console.error(error.message);
    else console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
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
      withKeys(flags, async (service) => {
        const { key, secret } = await service.create(fieldsOf(flags));
        console.log(`Created ${keyLine(key, Date.now())}`);
        console.log(`Key (shown once, store it now): ${secret}`);
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
      withKeys(flags, async (service) =>
        console.log(`Updated ${keyLine(await service.update(id, fieldsOf(flags)), Date.now())}`),
      ),
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
