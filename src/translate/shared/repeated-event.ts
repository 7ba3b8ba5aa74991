import { sameJsonValue } from "../../lib/same-json-value.js";

/**
 * Where a stream event carries its text, and how to make the event with another text.
 * `get` returns undefined for events that carry none; `with` must not change `event`.
 */
export interface TextSlot<T> {
  /** The member's name, as it appears before the text in the event's JSON. */
  key: string;
  get(event: T): unknown;
  with(event: T, text: string): T;
}

/** Times a stream may learn a shape: an upstream whose events all differ stops costing after these. */
const maximumLearns = 8;

/**
 * Reads stream events that repeat one shape with only their text changing, without parsing
 * each in full.
 *
 * A model's stream is mostly text events whose bytes are all the same but the text: Anthropic's
 * `content_block_delta`, the Chat chunks of Claude on Copilot, vLLM, Ollama. One of them,
 * parsed in full, gives the bytes before and after its text; a later event with the same bytes
 * around a JSON string is that event with another text, so `JSON.parse` of the string alone
 * (a tenth of parsing the event) gives it. Events of another shape, and upstreams whose events
 * differ elsewhere too (OpenAI's `obfuscation`, Copilot's content-filter offsets), are parsed
 * in full as before.
 */
export class RepeatedEvent<T> {
  private prefix = "";
  private suffix = "";
  private template: T | undefined;
  private learns = 0;

  constructor(private readonly slot: TextSlot<T>) {}

  /** The event `data` holds, when it has the learned shape: equal to what `JSON.parse(data)` would give. */
  read(data: string): T | undefined {
    const template = this.template;
    if (template === undefined) return undefined;
    const prefix = this.prefix;
    const suffix = this.suffix;
    const end = data.length - suffix.length;
    if (end <= prefix.length || data.charCodeAt(prefix.length) !== 0x22) return undefined;
    // Equality of slices: about half the cost of `startsWith` on V8 for these lengths.
    if (data.slice(end) !== suffix || data.slice(0, prefix.length) !== prefix) return undefined;
    let text: unknown;
    try {
      text = JSON.parse(data.slice(prefix.length, end));
    } catch {
      return undefined;
    }
    return typeof text === "string" ? this.slot.with(template, text) : undefined;
  }

  /**
   * Learns the shape of an event parsed in full, if it carries text. The text is looked for as
   * its JSON right after the only `"key":` of the event; the shape is kept only if parsing it
   * with another text gives, member for member, what `with` makes.
   */
  learn(data: string, event: T): void {
    if (this.learns >= maximumLearns || typeof event !== "object" || event === null) return;
    const text = this.slot.get(event);
    // An empty text is a stream's opening chunk (Chat's `{"role":"assistant","content":""}`), not the shape that repeats.
    if (typeof text !== "string" || text === "") return;
    this.learns += 1;
    const key = `"${this.slot.key}":`;
    const at = data.indexOf(key);
    if (at === -1 || data.indexOf(key, at + 1) !== -1) return;
    const start = at + key.length;
    const literal = JSON.stringify(text);
    if (!data.startsWith(literal, start)) return;
    const prefix = data.slice(0, start);
    const suffix = data.slice(start + literal.length);
    const probe = `${text}\u0001`;
    let probed: unknown;
    try {
      probed = JSON.parse(prefix + JSON.stringify(probe) + suffix);
    } catch {
      return;
    }
    if (!sameJsonValue(probed, this.slot.with(event, probe))) return;
    this.prefix = prefix;
    this.suffix = suffix;
    this.template = event;
  }
}
