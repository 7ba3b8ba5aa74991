import { mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { watchConfigFile } from "./watch-config-file.js";

describe("watchConfigFile", () => {
  it("reports a change once a burst has settled, also when an editor renames a new file over it", async () => {
    const directory = mkdtempSync(join(tmpdir(), "switchboard-watch-"));
    const file = join(directory, "switchboard.yaml");
    writeFileSync(file, "models: {}\n");
    let changes = 0;
    let notify: () => void = () => undefined;
    const watcher = watchConfigFile(
      file,
      () => {
        changes += 1;
        notify();
      },
      50,
    );
    try {
      const first = new Promise<void>((resolve) => (notify = resolve));
      writeFileSync(file, "models: { a: x/y }\n");
      writeFileSync(file, "models: { a: x/z }\n");
      await first;
      expect(changes).toBe(1);

      const second = new Promise<void>((resolve) => (notify = resolve));
      writeFileSync(join(directory, "unrelated.txt"), "ignored");
      writeFileSync(join(directory, ".switchboard.yaml.swp"), "models: {}\n");
      renameSync(join(directory, ".switchboard.yaml.swp"), file);
      await second;
      expect(changes).toBe(2);
    } finally {
      watcher.close();
    }
  });
});
