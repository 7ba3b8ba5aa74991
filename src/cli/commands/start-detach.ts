import { startDetached, type DetachRequest } from "../support/start-detached.js";

/** The flags the detached child gets: the user's, without `--detach`. */
export function startArgumentsOf(options: {
  host?: string;
  port?: string;
  config?: string;
  watch?: boolean;
  stopGrace?: string;
}): string[] {
  const args: string[] = [];
  if (options.host !== undefined) args.push("--host", options.host);
  if (options.port !== undefined) args.push("--port", options.port);
  if (options.config !== undefined) args.push("--config", options.config);
  if (options.watch === true) args.push("--watch");
  if (options.stopGrace !== undefined) args.push("--stop-grace", options.stopGrace);
  return args;
}

/** The port and config the user named, to compare with a gateway already running. */
export function detachRequestOf(options: { port?: string; config?: string }): DetachRequest {
  return {
    ...(options.port === undefined ? {} : { port: Number(options.port) }),
    ...(options.config === undefined ? {} : { config: options.config }),
  };
}

/** `switchboard start --detach`: starts the gateway in the background and says where it runs. */
export async function runStartDetached(
  startArguments: string[],
  asked: DetachRequest = {},
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = console.log,
): Promise<void> {
  const started = await startDetached({ startArguments, env, asked });
  const { state } = started;
  print(
    started.alreadyRunning
      ? `Switchboard is already running at ${state.url} (pid ${state.pid}).`
      : `Switchboard started in the background at ${state.url} (pid ${state.pid}).`,
  );
  print(`Log: ${started.logFile}  (switchboard logs -f; switchboard stop)`);
}
