import type { Period } from "./virtual-key.js";

/** Bad input for a key, naming the field (`budget`) so that the CLI can say `--budget` and the API `budget`. */
export class KeyInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "KeyInputError";
  }
}

const periods: readonly Period[] = ["day", "week", "month"];

function periodOf(field: string, text: string, example: string): Period {
  if ((periods as readonly string[]).includes(text)) return text as Period;
  throw new KeyInputError(field, `${field} "${example}": the period must be day, week or month.`);
}

/** `50usd/month`, `12.5usd/day`, `$50/month`. */
export function parseBudget(field: string, text: string): { usd: number; period: Period } {
  const match = /^\s*\$?(\d+(?:\.\d+)?)\s*(?:usd)?\s*\/\s*([a-z]+)\s*$/i.exec(text);
  if (match === null || (!/usd/i.test(text) && !text.trim().startsWith("$"))) {
    throw new KeyInputError(
      field,
      `${field} "${text}" is not a budget: write an amount in US dollars per period, e.g. 50usd/month (periods: day, week, month).`,
    );
  }
  const usd = Number(match[1]);
  if (!(usd > 0)) throw new KeyInputError(field, `${field} "${text}": the amount must be greater than 0.`);
  return { usd, period: periodOf(field, match[2]!.toLowerCase(), text) };
}

/** `300/month`. */
export function parseAllowance(field: string, text: string): { count: number; period: Period } {
  const match = /^\s*(\d+)\s*\/\s*([a-z]+)\s*$/i.exec(text);
  if (match === null) {
    throw new KeyInputError(
      field,
      `${field} "${text}" is not an allowance: write a whole number per period, e.g. 300/month (periods: day, week, month).`,
    );
  }
  const count = Number(match[1]);
  if (!(count > 0)) throw new KeyInputError(field, `${field} "${text}": the count must be greater than 0.`);
  return { count, period: periodOf(field, match[2]!.toLowerCase(), text) };
}

/** A positive whole number from a flag's text or a JSON value. */
export function parsePositiveInteger(field: string, value: unknown): number {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number) || number <= 0) {
    throw new KeyInputError(field, `${field} ${JSON.stringify(value)}: expected a whole number greater than 0.`);
  }
  return number;
}

const durationUnits: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30d`, `12h`, `2w`, `90m`, or an ISO date: the moment the key expires, as an ISO string. */
export function parseExpiry(field: string, text: string, now: number): string {
  const match = /^\s*(\d+)\s*([mhdw])\s*$/i.exec(text);
  if (match !== null) {
    const amount = Number(match[1]);
    if (amount <= 0) throw new KeyInputError(field, `${field} "${text}": the duration must be greater than 0.`);
    return new Date(now + amount * durationUnits[match[2]!.toLowerCase()]!).toISOString();
  }
  const date = Date.parse(text);
  if (Number.isNaN(date) || !/^\d{4}-\d{2}-\d{2}/.test(text.trim())) {
    throw new KeyInputError(
      field,
      `${field} "${text}" is not a duration or date: write e.g. 30d, 12h, 2w or 2027-01-31.`,
    );
  }
  if (date <= now) throw new KeyInputError(field, `${field} "${text}" is in the past.`);
  return new Date(date).toISOString();
}

/** `sonnet,gpt-5.1` → the list, without empty names. */
export function parseModelList(field: string, value: unknown): string[] {
  const list = typeof value === "string" ? value.split(",") : value;
  if (!Array.isArray(list) || list.some((entry) => typeof entry !== "string")) {
    throw new KeyInputError(field, `${field}: expected a list of model names, e.g. sonnet,gpt-5.1.`);
  }
  const names = (list as string[]).map((entry) => entry.trim()).filter((entry) => entry !== "");
  if (names.length === 0) throw new KeyInputError(field, `${field}: name at least one model.`);
  return names;
}
