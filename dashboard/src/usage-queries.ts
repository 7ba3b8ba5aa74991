import { api, normaliseRequest } from "./api.js";
import type { GroupBy, RequestRow, RequestsAnswer, SpeedAnswer, SpeedBucket, UsageAnswer } from "./api-types.js";

export function usage(groupBy: GroupBy, from: Date, to?: Date): Promise<UsageAnswer> {
  const query = new URLSearchParams({ from: from.toISOString(), group_by: groupBy });
  if (to !== undefined) query.set("to", to.toISOString());
  return api<UsageAnswer>(`usage?${query.toString()}`);
}

/** Time to first token and tokens per second per model, per hour or day from `from` to now. */
export function speed(bucket: SpeedBucket, from: Date): Promise<SpeedAnswer> {
  const query = new URLSearchParams({ from: from.toISOString(), bucket });
  return api<SpeedAnswer>(`usage/speed?${query.toString()}`);
}

export async function requests(
  filters: Record<string, string>,
  limit: number,
  before?: string,
): Promise<{ rows: RequestRow[]; nextBefore: string | null }> {
  const query = new URLSearchParams({ limit: String(limit) });
  for (const [name, value] of Object.entries(filters)) if (value !== "" && name !== "id") query.set(name, value);
  if (before !== undefined) query.set("before", before);
  const answer = await api<RequestsAnswer>(`requests?${query.toString()}`);
  return {
    rows: answer.requests.map((row) => normaliseRequest(row as unknown as Record<string, unknown>)),
    nextBefore: answer.next_before,
  };
}

/** Whether a live row belongs in a list filtered by `filters`. */
export function matchesFilters(row: RequestRow, filters: Record<string, string>): boolean {
  for (const [name, value] of Object.entries(filters)) {
    if (value === "" || name === "id") continue;
    if (name === "status") {
      if (String(row.status) !== value) return false;
      continue;
    }
    const field = (row as unknown as Record<string, unknown>)[name];
    if (field !== value) return false;
  }
  return true;
}
