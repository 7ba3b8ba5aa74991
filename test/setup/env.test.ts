import { describe, expect, it } from "vitest";
import { printEnvironment } from "../../src/cli/commands/env.js";
import { makeFakeHome } from "./fake-home.js";

describe("switchboard env", () => {
  it("prints export lines for the configured address and key, quoted for a shell", async () => {
    const home = await makeFakeHome();
    const config = await home.writeConfig(
      `server:\n  host: 0.0.0.0\n  port: 4555\n  api_key: "sk it's mine"\nproviders: {}\n`,
    );
    const lines: string[] = [];
    await printEnvironment({ config }, { HOME: home.home }, (line) => lines.push(line));
    expect(lines).toEqual([
      "export ANTHROPIC_BASE_URL=http://127.0.0.1:4555",
      `export ANTHROPIC_AUTH_TOKEN='sk it'\\''s mine'`,
      "export OPENAI_BASE_URL=http://127.0.0.1:4555/v1",
      `export OPENAI_API_KEY='sk it'\\''s mine'`,
      `export SWITCHBOARD_API_KEY='sk it'\\''s mine'`,
      "unset ANTHROPIC_API_KEY",
    ]);
  });
});
