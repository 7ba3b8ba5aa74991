export { attemptTargets, AttemptsFailed, type Attempt, type AttemptResult } from "./attempt-targets.js";
export { catchAllAlias, resolveModel, resolveTargetName, type RoutingTable } from "./resolve-model.js";
export type { RouteTarget } from "./route-target.js";
export { selectApi } from "./select-api.js";
