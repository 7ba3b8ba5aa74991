/**
 * Output item ids derived from the response id and the item's position: stable (golden snapshots
 * do not churn) and unique within a response, which is all clients rely on.
 */
export function itemId(prefix: "msg" | "fc" | "ctc" | "rs", responseId: string, outputIndex: number): string {
  return `${prefix}_${responseId.replace(/^resp_/, "")}_${outputIndex}`;
}

/** A response id for answers whose upstream gave none we can show. */
export function responseIdFrom(id: string): string {
  return id.startsWith("resp_") ? id : `resp_${id.replace(/[^a-zA-Z0-9]/g, "")}`;
}
