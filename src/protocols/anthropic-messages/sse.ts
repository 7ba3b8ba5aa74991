/** SSE event names of a Messages stream; each event's `event:` line equals its JSON `type`. */
export const streamEventNames = [
  "message_start",
  "content_block_start",
  "content_block_delta",
  "content_block_stop",
  "message_delta",
  "message_stop",
  "ping",
  "error",
] as const;

export type StreamEventName = (typeof streamEventNames)[number];
