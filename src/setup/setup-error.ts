/** A setup step that must stop without changing anything: a file that does not parse, a client not installed. */
export class SetupError extends Error {
  override name = "SetupError";
}
