// Apart from open-postgres.ts: the start-up banner names the database without loading pg (RSS of the laptop gateway).

/** Where a PostgreSQL URL points, for messages (never the password). */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "an unparseable URL";
  }
}
