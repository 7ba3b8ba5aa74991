/** One request the fake received, with lower-cased header names and the parsed JSON body. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface IssuedToken {
  token: string;
  headers: Record<string, string>;
  expiresAt: number;
  revoked: boolean;
}

export interface GatewayFailure {
  status: number;
  body?: unknown;
  retryAfter?: number;
}

export interface FakeGitlabState {
  /** How many times direct_access was called (every outcome). */
  directAccessCalls: number;
  directAccessRequests: RecordedRequest[];
  gatewayRequests: RecordedRequest[];
  issuedTokens: IssuedToken[];
  /** Answers the gateway gives to the next requests, first in first out, instead of a reply. */
  pendingGatewayFailures: GatewayFailure[];
}

export function createFakeGitlabState(): FakeGitlabState {
  return {
    directAccessCalls: 0,
    directAccessRequests: [],
    gatewayRequests: [],
    issuedTokens: [],
    pendingGatewayFailures: [],
  };
}
