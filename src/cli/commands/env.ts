import { clientVariables, shellQuote } from "../support/client-environment.js";
import { resolveGatewayTarget, type TargetOptions } from "../support/gateway-target.js";

/** `switchboard env`: `export` lines for a shell (`eval "$(switchboard env)"`). */
export async function printEnvironment(options: TargetOptions, env: NodeJS.ProcessEnv, write: (line: string) => void) {
  const target = await resolveGatewayTarget(options, env);
  for (const [name, value] of Object.entries(clientVariables(target.url, target.apiKey)))
    write(`export ${name}=${shellQuote(value)}`);
  // A key of another service in the shell would be sent instead of this one.
  write("unset ANTHROPIC_API_KEY");
}
