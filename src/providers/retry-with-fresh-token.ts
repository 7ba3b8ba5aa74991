import { isGatewayError } from "../errors/index.js";

/** A provider's cached short-lived credential (Copilot token, Duo direct-access token). */
export interface TokenSource<Token> {
  get(): Promise<Token>;
  /** Drops `token` after the upstream refused it, unless a newer one replaced it already. */
  invalidate(token: Token): void;
}

/**
 * Runs `call` with the current token. A token can go stale before its time (revoked, the
 * upstream restarted): on a 401 it is dropped and the call made once more with a fresh one.
 * A client that went away gets no retry: it would spend the user's quota for nobody.
 */
export async function retryWithFreshToken<Token, Result>(options: {
  tokens: TokenSource<Token>;
  call: (token: Token) => Promise<Result>;
  signal?: AbortSignal | undefined;
  onRetry?: () => void;
}): Promise<Result> {
  const { tokens, call } = options;
  const token = await tokens.get();
  try {
    return await call(token);
  } catch (error) {
    if (!isGatewayError(error) || error.upstream?.status !== 401 || options.signal?.aborted === true) throw error;
  }
  options.onRetry?.();
  tokens.invalidate(token);
  return call(await tokens.get());
}
