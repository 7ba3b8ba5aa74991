import { describe, expect, it } from "vitest";
import { createKeyAuthenticator } from "./key-authenticator.js";
import { hashKeySecret } from "./key-secret.js";
import { KeyService } from "./key-service.js";
import { createMemoryKeyStore } from "./memory-key-store.js";
import { KeyInputError } from "./parse-limits.js";

async function rejected(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("KeyService", () => {
  const now = Date.UTC(2026, 11, 6, 12);

  it("creates a key with every limit from the CLI's notation, storing only its SHA-256", async () => {
    const store = createMemoryKeyStore();
    const service = new KeyService(store, { now: () => now });
    const { key, secret } = await service.create({
      name: "alice",
      models: "sonnet,gpt-5.1",
      rpm: "60",
      tpm: "200000",
      max_parallel: "4",
      budget: "50usd/month",
      premium_requests: "300/month",
      expires: "30d",
    });
    expect(secret).toMatch(/^sk-sb-[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({
      name: "alice",
      models: ["sonnet", "gpt-5.1"],
      limits: {
        rpm: 60,
        tpm: 200000,
        maxParallel: 4,
        budget: { usd: 50, period: "month" },
        premiumRequests: { count: 300, period: "month" },
      },
      expiresAt: "2027-01-05T12:00:00.000Z",
    });
    const [stored] = await store.list();
    expect(stored?.hash).toBe(hashKeySecret(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it("names the field of bad input", async () => {
    const service = new KeyService(createMemoryKeyStore(), { now: () => now });
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ name: "a", budget: "50 dollars" }, "budget", /budget "50 dollars" is not a budget: .*50usd\/month/],
      [{ name: "a", budget: "50usd/year" }, "budget", /period must be day, week or month/],
      [{ name: "a", rpm: "-1" }, "rpm", /expected a whole number greater than 0/],
      [{ name: "a", max_parallel: "2.5" }, "max_parallel", /whole number/],
      [{ name: "a", premium_requests: "lots" }, "premium_requests", /300\/month/],
      [{ name: "a", expires: "yesterday" }, "expires", /30d, 12h, 2w/],
      [{ name: "a", colour: "red" }, "colour", /not a key field/],
      [{}, "name", /needs a name/],
    ];
    for (const [input, field, message] of cases) {
      const error = await rejected(service.create(input));
      expect(error).toBeInstanceOf(KeyInputError);
      expect((error as KeyInputError).field).toBe(field);
      expect(error.message).toMatch(message);
    }
    const unknown = await rejected(service.revoke("key_ffffffffffffffff"));
    expect(unknown).toMatchObject({ field: "id" });
  });

  it("removes limits with null or none on update, and keeps the rest", async () => {
    const service = new KeyService(createMemoryKeyStore(), { now: () => now });
    const { key } = await service.create({ name: "ci", rpm: 5, budget: "1usd/day" });
    const updated = await service.update(key.id, { rpm: "none", tpm: 100 });
    expect(updated.limits).toEqual({ tpm: 100, budget: { usd: 1, period: "day" } });
  });
});

describe("key authenticator", () => {
  it("lets the master key and live keys in, refuses revoked and expired keys with 401", async () => {
    let now = Date.UTC(2026, 11, 6, 12);
    const store = createMemoryKeyStore();
    const service = new KeyService(store, { now: () => now });
    const authenticator = createKeyAuthenticator({ store, masterKey: "the-master", now: () => now });
    expect(await authenticator.authenticate("the-master")).toEqual({ kind: "master" });
    const live = await service.create({ name: "live", expires: "1h" });
    expect(await authenticator.authenticate(live.secret)).toMatchObject({ kind: "key", key: { id: live.key.id } });
    now += 2 * 3_600_000;
    const expired = await rejected(authenticator.authenticate(live.secret));
    expect(expired).toMatchObject({ code: "authentication", status: 401 });
    expect(expired.message).toContain("expired at");
    expect(expired.message).not.toContain(live.secret);
    await expect(authenticator.authenticate(undefined)).rejects.toMatchObject({ status: 401 });
    await expect(authenticator.authenticate("sk-sb-nope")).rejects.toMatchObject({ status: 401 });
  });

  it("sees a revocation made by another replica within its cache time, without being told", async () => {
    let now = 1_000_000;
    const store = createMemoryKeyStore();
    const otherReplica = new KeyService(store);
    const authenticator = createKeyAuthenticator({ store, masterKey: "m", now: () => now, cacheMs: 500 });
    const { key, secret } = await otherReplica.create({ name: "x" });
    await authenticator.authenticate(secret);
    await otherReplica.revoke(key.id);
    now += 499;
    expect(await authenticator.authenticate(secret)).toMatchObject({ kind: "key" });
    now += 2;
    await expect(authenticator.authenticate(secret)).rejects.toMatchObject({ status: 401 });
  });
});
