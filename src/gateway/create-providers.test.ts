import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError } from "../config/config-error.js";
import { configFromObject } from "../config/load-config.js";
import { createSilentLogger } from "../lib/logger.js";
import type { ProviderType } from "../providers/registry.js";
import { createProviders } from "./create-providers.js";
import { fakeProvider } from "./testing/fake-provider.js";

const strictType: ProviderType = {
  create: (id, config) => {
    z.object({ base_url: z.url() }).parse(config);
    return fakeProvider({ id, models: [] });
  },
};

function build(providers: Record<string, unknown>) {
  return createProviders({
    config: configFromObject({ providers }),
    env: {},
    configDir: "/nowhere",
    logger: createSilentLogger(),
    providerTypes: { strict: strictType },
  });
}

describe("createProviders", () => {
  it("builds each configured provider through its registered type", () => {
    expect([...build({ one: { type: "strict", base_url: "http://127.0.0.1:1/v1" } }).keys()]).toEqual(["one"]);
  });

  it("names the key path of an unknown type and lists the known ones", () => {
    expect(() => build({ one: { type: "bedrock" } })).toThrow(ConfigError);
    expect(() => build({ one: { type: "bedrock" } })).toThrow(
      /providers\.one\.type: unknown provider type "bedrock"; expected one of "strict"/,
    );
  });

  it("names the key path when the provider's own schema rejects its entry", () => {
    expect(() => build({ one: { type: "strict", base_url: 42 } })).toThrow(/providers\.one\.base_url: /);
  });
});
