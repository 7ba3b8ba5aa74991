import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The cookie the dashboard keeps its session in. */
export const sessionCookieName = "switchboard_dashboard";
/** How long a dashboard session lasts before the key is asked again. */
export const sessionLifetimeMs = 12 * 60 * 60 * 1000;

export interface DashboardSession {
  expiresAt: number;
  /** Sent back in `x-csrf-token` with every action; a page on another site cannot read it. */
  csrfToken: string;
}

function mac(secret: Buffer, text: string): string {
  return createHmac("sha256", secret).update(text).digest("base64url");
}

function sameText(left: string, right: string): boolean {
  const a = createHash("sha256").update(left).digest();
  const b = createHash("sha256").update(right).digest();
  return timingSafeEqual(a, b) && left === right;
}

/**
 * Signed, self-contained sessions: `expiry.nonce.mac`. The secret is derived from the key when
 * there is one, so a session outlives a gateway restart (the page reconnects by itself) and
 * ends when the key changes. Without a key the secret is random per process.
 */
export class DashboardSessions {
  private readonly secret: Buffer;

  constructor(
    key: string | undefined,
    private readonly now: () => number = Date.now,
    private readonly lifetimeMs: number = sessionLifetimeMs,
  ) {
    this.secret =
      key === undefined
        ? randomBytes(32)
        : createHash("sha256").update("switchboard dashboard session\0").update(key).digest();
  }

  /** A new session: the cookie value to set, and its CSRF token. */
  issue(): { cookie: string; session: DashboardSession } {
    const expiresAt = this.now() + this.lifetimeMs;
    const nonce = randomBytes(16).toString("base64url");
    const body = `${expiresAt}.${nonce}`;
    return { cookie: `${body}.${mac(this.secret, body)}`, session: this.sessionOf(expiresAt, nonce) };
  }

  /** The session a cookie value stands for, or undefined when it is forged, mangled or expired. */
  verify(cookie: string | undefined): DashboardSession | undefined {
    if (cookie === undefined) return undefined;
    const [expiry, nonce, signature, extra] = cookie.split(".");
    if (expiry === undefined || nonce === undefined || signature === undefined || extra !== undefined) return undefined;
    if (!sameText(signature, mac(this.secret, `${expiry}.${nonce}`))) return undefined;
    const expiresAt = Number(expiry);
    if (!Number.isSafeInteger(expiresAt) || expiresAt <= this.now()) return undefined;
    return this.sessionOf(expiresAt, nonce);
  }

  private sessionOf(expiresAt: number, nonce: string): DashboardSession {
    return { expiresAt, csrfToken: mac(this.secret, `csrf.${nonce}`) };
  }

  /** Compares a presented CSRF token with the session's, in constant time. */
  static csrfMatches(session: DashboardSession, presented: string | undefined): boolean {
    return presented !== undefined && sameText(presented, session.csrfToken);
  }
}

/** The value of one cookie in a `Cookie` header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/** The `Set-Cookie` value: HttpOnly, SameSite=Strict, scoped to the dashboard, expiring with the session. */
export function sessionCookie(value: string, maxAgeSeconds: number): string {
  return `${sessionCookieName}=${value}; Path=/dashboard; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}
