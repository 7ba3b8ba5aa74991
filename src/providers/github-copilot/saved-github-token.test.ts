import { mkdir, mkdtemp, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  deleteSavedGithubToken,
  loadSavedGithubToken,
  saveGithubToken,
  savedGithubTokenPath,
} from "./saved-github-token.js";

describe("the saved GitHub token", () => {
  it("is written with mode 0600 in a 0700 directory, even over an older readable file", async () => {
    const configDir = join(await mkdtemp(join(tmpdir(), "switchboard-save-")), "config");
    await mkdir(configDir, { mode: 0o755 });
    await writeFile(savedGithubTokenPath(configDir), "{}", { mode: 0o644 });
    await saveGithubToken(configDir, { token: "ghu_secret", host: "github.com" });
    expect((await stat(savedGithubTokenPath(configDir))).mode & 0o777).toBe(0o600);
    expect((await stat(configDir)).mode & 0o777).toBe(0o700);
    expect(await loadSavedGithubToken(configDir, "github.com")).toBe("ghu_secret");
    expect(await loadSavedGithubToken(configDir, "ghe.example.com")).toBeUndefined();
  });

  it("is removed by logout, which says whether there was one", async () => {
    const configDir = await mkdtemp(join(tmpdir(), "switchboard-logout-"));
    await saveGithubToken(configDir, { token: "ghu_secret", host: "github.com" });
    expect(await deleteSavedGithubToken(configDir)).toBe(true);
    expect(await deleteSavedGithubToken(configDir)).toBe(false);
    expect(await loadSavedGithubToken(configDir, "github.com")).toBeUndefined();
  });
});
