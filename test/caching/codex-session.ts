import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const capturePath = fileURLToPath(
  new URL(
    "../../src/translate/openai-responses/__fixtures__/codex-gpt-5.1-codex-second-turn-captured.1.json",
    import.meta.url,
  ),
);
const stepsPath = fileURLToPath(new URL("./__fixtures__/codex-session-steps.json", import.meta.url));

/** The six Responses request bodies of the recorded Codex session (origin in the steps fixture). */
export async function codexSessionRequests(): Promise<Array<Record<string, unknown>>> {
  const captured = JSON.parse(await readFile(capturePath, "utf8")) as Record<string, unknown> & { input: unknown[] };
  const { steps } = JSON.parse(await readFile(stepsPath, "utf8")) as { steps: unknown[][] };
  const first = { ...captured, input: captured.input.slice(0, -2) };
  const requests = [first, captured];
  for (const step of steps) {
    const previous = requests.at(-1) as { input: unknown[] };
    requests.push({ ...captured, input: [...previous.input, ...structuredClone(step)] });
  }
  return requests;
}
