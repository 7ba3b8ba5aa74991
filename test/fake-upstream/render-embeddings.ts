/**
 * `POST /v1/embeddings` as OpenAI answers it: one `embedding` object per input, in order, as
 * floats or (with `encoding_format: "base64"`, which the official SDK asks for by default) as
 * the base64 of little-endian float32s. The vectors are made from the input text, so that the
 * same text always gets the same vector and different texts differ, unless the test gives the
 * vectors (`given`, one per input in order).
 */
export function renderEmbeddings(body: Record<string, unknown>, given: number[][] = []): Record<string, unknown> {
  const raw = body["input"];
  const inputs: string[] = (Array.isArray(raw) ? raw : [raw]).map((entry) =>
    typeof entry === "string" ? entry : JSON.stringify(entry),
  );
  const dimensions = typeof body["dimensions"] === "number" ? body["dimensions"] : 8;
  const base64 = body["encoding_format"] === "base64";
  const data = inputs.map((text, index) => {
    const vector =
      given[index] ??
      Array.from({ length: dimensions }, (_, position) => {
        const code = text.charCodeAt(position % Math.max(1, text.length)) || 0;
        return Math.round(((code % 97) / 97 - 0.5) * 1000) / 1000;
      });
    const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
    return { object: "embedding", index, embedding };
  });
  const tokens = inputs.reduce((sum, text) => sum + Math.max(1, Math.ceil(text.length / 4)), 0);
  return { object: "list", data, model: body["model"], usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

/** OpenAI's refusals of an embeddings body, in its words. */
export function embeddingsBodyProblem(body: Record<string, unknown>): string | undefined {
  const input = body["input"];
  if (input === undefined) return "Missing required parameter: 'input'.";
  if (input === "" || (Array.isArray(input) && input.length === 0))
    return "'$.input' is invalid. Please check the API reference.";
  return undefined;
}
