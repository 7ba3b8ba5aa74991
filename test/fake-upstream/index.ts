export { startFakeUpstream } from "./start-fake-upstream.js";
export type {
  FakeApi,
  FakeError,
  FakeReply,
  FakeScript,
  FakeStopReason,
  FakeToolCall,
  FakeUpstream,
  FakeUpstreamOptions,
  FakeUsage,
  RecordedCall,
} from "./types.js";
export {
  gatewayErrorOf,
  readText,
  testProviderContext,
  testTimeouts,
  upstreamRequest,
} from "./provider-test-helpers.js";
export { faults } from "./faults.js";
