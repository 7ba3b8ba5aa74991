import type { Period } from "../keys/virtual-key.js";

/** A fixed window: an id that names it in counters, and when it ends. */
export interface Window {
  id: string;
  startsAt: number;
  endsAt: number;
}

/** The minute `now` falls in (rate and token windows). */
export function minuteWindow(now: number): Window {
  const minute = Math.floor(now / 60_000);
  return { id: `m${minute}`, startsAt: minute * 60_000, endsAt: (minute + 1) * 60_000 };
}

/** The UTC calendar day, ISO week (from Monday) or month `now` falls in (budgets and allowances). */
export function periodWindow(period: Period, now: number): Window {
  const date = new Date(now);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  if (period === "month") {
    return {
      id: `${year}-${String(month + 1).padStart(2, "0")}`,
      startsAt: Date.UTC(year, month, 1),
      endsAt: Date.UTC(year, month + 1, 1),
    };
  }
  if (period === "day") {
    return {
      id: `${year}-${month + 1}-${day}`,
      startsAt: Date.UTC(year, month, day),
      endsAt: Date.UTC(year, month, day + 1),
    };
  }
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  const start = Date.UTC(year, month, day - sinceMonday);
  return { id: `w${start / 86_400_000}`, startsAt: start, endsAt: start + 7 * 86_400_000 };
}
