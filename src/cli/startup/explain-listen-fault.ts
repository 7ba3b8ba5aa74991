/** Where `start` tried to listen. */
export interface ListenAddress {
  host: string;
  port: number;
}

function hostForUrl(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/** True when what answers at the address is a Switchboard: `/health` is ok and `/` names itself. */
export async function switchboardAnswersAt(address: ListenAddress): Promise<boolean> {
  const base = `http://${hostForUrl(address.host)}:${address.port}`;
  try {
    const health = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1_500) });
    if (!health.ok) return false;
    const root = await fetch(`${base}/`, { signal: AbortSignal.timeout(1_500) });
    const body = (await root.json()) as { name?: unknown };
    return body.name === "switchboard";
  } catch {
    return false;
  }
}

/**
 * Says in words why the server could not listen, and what to do; undefined for an error that is
 * not a listening fault. Node's own error (`listen EADDRINUSE …` with a stack) tells a user
 * neither whether a Switchboard already runs there nor how to pick another port.
 */
export async function explainListenFault(error: unknown, address: ListenAddress): Promise<string | undefined> {
  const fault = error as NodeJS.ErrnoException | undefined;
  const where = `${address.host}:${address.port}`;
  const otherPort = address.port === 65535 ? address.port - 1 : address.port + 1;
  const pickAnother = `Pick another port with \`switchboard start --port ${otherPort}\` (or PORT=${otherPort}, or server.port in the config); --port 0 takes any free port.`;
  switch (fault?.code) {
    case "EADDRINUSE": {
      const who = (await switchboardAnswersAt(address))
        ? `A Switchboard is already running there (it answers http://${hostForUrl(address.host)}:${address.port}/health): use it, or stop it first.`
        : "Another program holds it (no Switchboard answers at /health there).";
      return `Cannot listen on ${where}: the address is already in use. ${who} ${pickAnother}`;
    }
    case "EACCES":
      return `Cannot listen on ${where}: permission denied (ports below 1024 need privileges). ${pickAnother}`;
    case "EADDRNOTAVAIL":
      return `Cannot listen on ${where}: ${address.host} is not an address of this machine. Use --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface), or HOST / server.host.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_NONAME":
      return `Cannot listen on ${where}: the host name ${address.host} does not resolve to an address. Use --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface), or HOST / server.host.`;
    default:
      return undefined;
  }
}
