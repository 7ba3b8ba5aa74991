export { planRoute, deploymentKey, type PlannedTarget, type PolicyTable, type ResolvedRoute } from "./plan-route.js";
export { DeploymentHealth } from "./policy/deployment-health.js";
export { RoutingFailure, runWithPolicy, type AttemptRecord } from "./policy/run-with-policy.js";
export { catchAllAlias, resolveTargetName, type RoutingTable } from "./resolve-model.js";
export type { RouteTarget } from "./route-target.js";
export { selectApi } from "./select-api.js";
