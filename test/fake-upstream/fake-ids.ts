import { randomBytes } from "node:crypto";

/** Ids in each vendor's style (`chatcmpl-…`, `resp_…`, `msg_…`, `toolu_…`, `call_…`). */
export function fakeId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString("hex")}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
