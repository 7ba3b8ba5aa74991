import { randomUUID } from "node:crypto";

/** A fresh id in the vendors' style: a prefix (`msg_`, `chatcmpl-`, `resp_`) and 32 hex digits. */
export function randomId(prefix: string): string {
  return `${prefix}${randomUUID().replaceAll("-", "")}`;
}
