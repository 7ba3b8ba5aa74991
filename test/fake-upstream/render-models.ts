/** `GET /v1/models` in OpenAI's shape. */
export function renderOpenAiModels(models: readonly string[]): unknown {
  return {
    object: "list",
    data: models.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "fake" })),
  };
}

/** `GET /v1/models` in Anthropic's shape, paginated by `limit` and `after_id` as the real one is. */
export function renderAnthropicModels(models: readonly string[], query: URLSearchParams): unknown {
  const limit = Number(query.get("limit") ?? "20");
  const afterId = query.get("after_id");
  const start = afterId === null ? 0 : models.indexOf(afterId) + 1;
  const page = models.slice(start, start + limit);
  return {
    data: page.map((id) => ({ type: "model", id, display_name: id.toUpperCase(), created_at: "2025-01-01T00:00:00Z" })),
    has_more: start + limit < models.length,
    first_id: page[0] ?? null,
    last_id: page[page.length - 1] ?? null,
  };
}
