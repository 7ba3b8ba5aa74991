import type {
  ContentBlock,
  MessageCreateParams,
  MessageParam,
  TextBlock,
  ToolParam,
} from "../../protocols/anthropic-messages/types.js";
import { minimumCacheableTokens } from "./minimum-cacheable-tokens.js";

/**
 * Characters per token assumed when deciding whether a prefix is long enough to cache. Low on
 * purpose (English runs near 4, JSON schemas nearer 3): overestimating the tokens only costs a
 * breakpoint Anthropic ignores, underestimating loses a cache that would have formed.
 */
const charactersPerToken = 3;

/** Block types that may carry `cache_control` (thinking blocks may not). */
const cacheableTypes = new Set(["text", "image", "document", "tool_use", "tool_result", "search_result"]);

/**
 * Places `cache_control` breakpoints on a request translated into Anthropic Messages the way Claude
 * Code does natively: the end of the tools + system prefix, the previous user turn and the newest
 * turn (3 of Anthropic's 4). The previous turn's breakpoint is where the last request wrote its
 * cache, so this request reads it exactly however many blocks the newest turn added (Anthropic's
 * own look-back stops after about 20 blocks). A breakpoint whose prefix is shorter than the model's
 * minimum is left out. A request that already carries a breakpoint anywhere is the client's own
 * choice and is not changed.
 */
export function placeCacheBreakpoints(body: MessageCreateParams): void {
  if (hasBreakpoint(body)) return;
  const minimum = minimumCacheableTokens(body.model) * charactersPerToken;
  const counter = new PrefixCounter(minimum);
  const tools = body.tools ?? [];
  const system = body.system;
  for (const tool of tools) counter.add(tool);
  if (Array.isArray(system)) {
    for (const block of system) counter.add(block);
    const last = system.at(-1);
    if (last !== undefined && counter.longEnough()) last.cache_control = { type: "ephemeral" };
  } else if (typeof system === "string") {
    counter.add(system);
    if (counter.longEnough()) body.system = [{ type: "text", text: system, cache_control: { type: "ephemeral" } }];
  } else {
    const last = tools.at(-1);
    if (last !== undefined && counter.longEnough())
      (last as ToolParam & { cache_control?: unknown }).cache_control = { type: "ephemeral" };
  }
  const messages = body.messages;
  // A mid-conversation system message (Opus 4.8) may close the list; the newest turn is before it.
  let newest = messages.length - 1;
  while (newest >= 0 && messages[newest]?.role === "system") newest -= 1;
  let previous = -1;
  for (let index = newest - 1; index >= 0; index -= 1) {
    if (messages[index]?.role === "user") {
      previous = index;
      break;
    }
  }
  for (let index = 0; index <= newest; index += 1) {
    const message = messages[index] as MessageParam;
    counter.add(message.content);
    if ((index === previous || index === newest) && counter.longEnough()) markLastBlock(message);
  }
}

/** Puts the breakpoint on the message's last block that may carry one (a string becomes a text block). */
function markLastBlock(message: MessageParam): void {
  if (typeof message.content === "string") {
    if (message.content === "") return;
    const block: TextBlock = { type: "text", text: message.content, cache_control: { type: "ephemeral" } };
    message.content = [block];
    return;
  }
  for (let index = message.content.length - 1; index >= 0; index -= 1) {
    const block = message.content[index] as ContentBlock;
    if (!cacheableTypes.has(block.type)) continue;
    if (block.type === "text" && block.text === "") continue;
    (block as { cache_control?: unknown }).cache_control = { type: "ephemeral" };
    return;
  }
}

function hasBreakpoint(body: MessageCreateParams): boolean {
  if (body["cache_control"] != null) return true;
  for (const tool of body.tools ?? []) if ((tool as { cache_control?: unknown }).cache_control != null) return true;
  if (Array.isArray(body.system) && body.system.some((block) => block.cache_control != null)) return true;
  for (const message of body.messages) {
    if (typeof message.content === "string") continue;
    for (const block of message.content) if ((block as { cache_control?: unknown }).cache_control != null) return true;
  }
  return false;
}

/**
 * Counts the characters of the prefix so far, but only until the minimum is reached: past it the
 * answer cannot change, so the walk over a 40 KB agent request stops after a few kilobytes.
 */
class PrefixCounter {
  private characters = 0;
  constructor(private readonly minimum: number) {}

  longEnough(): boolean {
    return this.characters >= this.minimum;
  }

  add(value: unknown): void {
    if (this.characters < this.minimum) this.walk(value);
  }

  private walk(value: unknown): void {
    if (this.characters >= this.minimum) return;
    if (typeof value === "string") this.characters += value.length;
    else if (typeof value === "number" || typeof value === "boolean") this.characters += 4;
    else if (Array.isArray(value)) for (const item of value) this.walk(item);
    else if (value !== null && typeof value === "object") {
      for (const key in value) {
        this.characters += key.length + 3;
        this.walk((value as Record<string, unknown>)[key]);
      }
    }
  }
}
