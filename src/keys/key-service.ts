import { randomBytes } from "node:crypto";
import { applyKeyPatch, type KeyStore } from "./key-store.js";
import { generateKeySecret, hashKeySecret, keyHint } from "./key-secret.js";
import { KeyInputError } from "./parse-limits.js";
import { readKeyInput } from "./read-key-input.js";
import { summarizeKey, type KeySummary, type VirtualKey } from "./virtual-key.js";

/** Told when a key changes, so that other replicas drop what they cached (Redis pub/sub). */
export type KeyChangeListener = (keyId: string) => void;

/** The key operations the CLI, the admin API and the dashboard share. Input errors are `KeyInputError`s. */
export class KeyService {
  constructor(
    private readonly store: KeyStore,
    private readonly options: { now?: () => number; onChange?: KeyChangeListener } = {},
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Creates a key; the secret is returned here once and never stored. */
  async create(raw: Record<string, unknown>): Promise<{ key: KeySummary; secret: string }> {
    if (typeof raw["name"] !== "string" || raw["name"].trim() === "") {
      throw new KeyInputError("name", "name: a key needs a name (e.g. the person or CI job using it).");
    }
    const patch = readKeyInput(raw, { now: this.now(), removals: false });
    const secret = generateKeySecret();
    const blank: VirtualKey = {
      id: `key_${randomBytes(8).toString("hex")}`,
      name: "",
      hash: hashKeySecret(secret),
      hint: keyHint(secret),
      limits: {},
      createdAt: new Date(this.now()).toISOString(),
    };
    const key = applyKeyPatch(blank, patch);
    await this.store.insert(key);
    return { key: summarizeKey(key), secret };
  }

  async list(): Promise<KeySummary[]> {
    return (await this.store.list()).map(summarizeKey);
  }

  async get(id: string): Promise<KeySummary> {
    return summarizeKey(await this.existing(id));
  }

  async update(id: string, raw: Record<string, unknown>): Promise<KeySummary> {
    const patch = readKeyInput(raw, { now: this.now(), removals: true });
    const next = applyKeyPatch(await this.existing(id), patch);
    await this.save(next);
    return summarizeKey(next);
  }

  /** Revokes a key at once (every replica refuses it within a second). Revoking twice is not an error. */
  async revoke(id: string): Promise<KeySummary> {
    const key = await this.existing(id);
    if (key.revokedAt === undefined) key.revokedAt = new Date(this.now()).toISOString();
    await this.save(key);
    return summarizeKey(key);
  }

  /** A new secret for the same key (id, limits and counters kept); the old secret stops working. */
  async rotate(id: string): Promise<{ key: KeySummary; secret: string }> {
    const key = await this.existing(id);
    if (key.revokedAt !== undefined) throw new KeyInputError("id", `Key ${id} is revoked; create a new one.`);
    const secret = generateKeySecret();
    key.hash = hashKeySecret(secret);
    key.hint = keyHint(secret);
    await this.save(key);
    return { key: summarizeKey(key), secret };
  }

  private async existing(id: string): Promise<VirtualKey> {
    const key = /^key_[0-9a-f]{16}$/.test(id) ? await this.store.get(id) : undefined;
    if (key === undefined) throw new KeyInputError("id", `No key with id "${id}" (see \`switchboard keys list\`).`);
    return key;
  }

  private async save(key: VirtualKey): Promise<void> {
    await this.store.replace(key);
    this.options.onChange?.(key.id);
  }
}
