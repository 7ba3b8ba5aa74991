import { describe, expect, it } from "vitest";
import { configFromObject } from "./load-config.js";
import { convertLitellmConfig } from "./litellm/convert-litellm-config.js";

describe("the store's settings", () => {
  it("default to SQLite in the data folder: $XDG_DATA_HOME/switchboard, else ~/.local/share/switchboard", () => {
    expect(configFromObject({}, { env: { XDG_DATA_HOME: "/data", HOME: "/home/me" } }).store).toMatchObject({
      enabled: true,
      engine: "sqlite",
      path: "/data/switchboard/usage.sqlite",
      bodies: false,
      retentionDays: 90,
      bodyRetentionDays: 7,
    });
    expect(configFromObject({}, { env: { HOME: "/home/me" } }).store.path).toBe(
      "/home/me/.local/share/switchboard/usage.sqlite",
    );
  });

  it("pick PostgreSQL from store.url, else DATABASE_URL", () => {
    const fromEnv = configFromObject({}, { env: { HOME: "/h", DATABASE_URL: "postgres://db.internal/usage" } });
    expect(fromEnv.store).toMatchObject({ engine: "postgres", url: "postgres://db.internal/usage" });
    const fromFile = configFromObject(
      {
        store: {
          url: "postgres://file/usage",
          retention_days: 30,
          bodies: true,
          prices: { "my-model": { input: 1, output: 2 } },
        },
      },
      { env: { HOME: "/h", DATABASE_URL: "postgres://env/usage" } },
    );
    expect(fromFile.store).toMatchObject({
      engine: "postgres",
      url: "postgres://file/usage",
      retentionDays: 30,
      bodyRetentionDays: 7,
      bodies: true,
      prices: { "my-model": { input: 1, output: 2 } },
    });
  });

  it("refuse a bad value, naming the key", () => {
    expect(() => configFromObject({ store: { retention_days: -1 } })).toThrow(/store\.retention_days/);
    expect(() => configFromObject({ store: { engine: "mysql" } })).toThrow(/store/);
  });

  it("take LiteLLM's general_settings.database_url and store_prompts_in_spend_logs without a warning", () => {
    const converted = convertLitellmConfig({
      model_list: [{ model_name: "gpt", litellm_params: { model: "openai/gpt-5-mini" } }],
      general_settings: { database_url: "os.environ/DATABASE_URL", store_prompts_in_spend_logs: true },
    });
    expect(converted.config["store"]).toEqual({ url: "${DATABASE_URL}", bodies: true });
    expect(converted.warnings.join("\n")).not.toMatch(/database_url|store_prompts/);
  });
});
