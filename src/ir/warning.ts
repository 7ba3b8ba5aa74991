/**
 * Something the target could not take and that was dropped or approximated. Warnings are sent
 * to the caller in the `x-switchboard-warnings` response header, logged, and kept with the
 * usage record — never silent.
 */
export interface Warning {
  type: "unsupported" | "compatibility";
  /** The wire field or feature, e.g. `tools[3] web_search`, `cache_control`, `context_management`. */
  feature: string;
  detail?: string;
}
