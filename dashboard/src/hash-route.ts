/** The pages, in navigation order. */
export const pages = [
  { id: "overview", title: "Overview", params: ["range"] },
  { id: "requests", title: "Requests", params: ["model", "provider", "status", "client", "session", "id"] },
  { id: "sessions", title: "Sessions", params: ["range"] },
  { id: "routes", title: "Routes & providers", params: [] },
  { id: "keys", title: "Keys", params: [] },
  { id: "mcp", title: "Tools (MCP)", params: ["server"] },
] as const;

export type PageId = (typeof pages)[number]["id"];

export const ranges = { today: "Today", "7d": "7 days", "30d": "30 days" } as const;
export type RangeId = keyof typeof ranges;

export interface HashRoute {
  page: PageId;
  params: Record<string, string>;
  /** What in the address the page cannot show (unknown page, filter or range): said in the page, not ignored. */
  problem: string | undefined;
}

/** Reads `#/requests?model=x`: the page, its filters, and what is wrong with them. */
export function parseHash(hash: string): HashRoute {
  const [path = "", query = ""] = hash.replace(/^#\/?/, "").split("?");
  const pageId = path === "" ? "overview" : path;
  const page = pages.find((candidate) => candidate.id === pageId);
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(query)) params[name] = value;
  if (page === undefined) {
    return { page: "overview", params: {}, problem: `There is no page "${pageId}". Showing the overview.` };
  }
  const known: readonly string[] = page.params;
  const unknown = Object.keys(params).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    const list = known.length === 0 ? "none" : known.join(", ");
    return {
      page: page.id,
      params: {},
      problem: `Unknown filter ${unknown.map((name) => `"${name}"`).join(", ")} on ${page.title}. Known filters: ${list}.`,
    };
  }
  if (params["range"] !== undefined && !(params["range"] in ranges)) {
    return {
      page: page.id,
      params: {},
      problem: `Unknown range "${params["range"]}". Choose ${Object.keys(ranges).join(", ")}.`,
    };
  }
  if (params["status"] !== undefined && !/^\d{3}$/.test(params["status"])) {
    return {
      page: page.id,
      params: {},
      problem: `Unknown status "${params["status"]}". Use an HTTP status such as 200 or 429.`,
    };
  }
  return { page: page.id, params, problem: undefined };
}

export function hashOf(page: PageId, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== "")).toString();
  return `#/${page}${query === "" ? "" : `?${query}`}`;
}

/** Start of the range in local time: today from midnight, 7 and 30 days including today. */
export function rangeStart(range: RangeId, now = new Date()): Date {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  if (range === "7d") start.setDate(start.getDate() - 6);
  if (range === "30d") start.setDate(start.getDate() - 29);
  return start;
}
