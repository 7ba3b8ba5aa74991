const unsafe = /[^\x20-\x7e]/;
const unsafeRuns = /[^\x20-\x7e]+/g;

/**
 * Text made safe for an HTTP header value: anything outside printable ASCII (CR, LF and the other
 * control characters, and non-Latin text, which Node refuses in a header and would turn a served
 * request into a 500) is percent-encoded. For names a client or an upstream chose (models, routes).
 */
export function headerSafe(value: string): string {
  return unsafe.test(value) ? value.replace(unsafeRuns, (text) => encodeURIComponent(text)) : value;
}
