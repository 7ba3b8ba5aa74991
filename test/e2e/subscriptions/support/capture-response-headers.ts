import type { Server, ServerResponse } from "node:http";

/** One answer the gateway gave: the route and the headers it sent. */
export interface GatewayAnswer {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
}

function flatten(headers: unknown): Record<string, string> {
  const flat: Record<string, string> = {};
  if (typeof headers !== "object" || headers === null) return flat;
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (typeof value === "string" || typeof value === "number") flat[name.toLowerCase()] = String(value);
    else if (Array.isArray(value)) flat[name.toLowerCase()] = value.join(", ");
  }
  return flat;
}

/**
 * Writes down the response headers the gateway sends (the recording proxy keeps only request
 * headers), by watching `writeHead` on the gateway's own HTTP server. Reads only; changes nothing.
 */
export function captureResponseHeaders(server: Server): GatewayAnswer[] {
  const answers: GatewayAnswer[] = [];
  server.prependListener("request", (request, response: ServerResponse) => {
    const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
    response.writeHead = ((...args: unknown[]) => {
      const headers = { ...flatten(response.getHeaders()), ...flatten(args.find((arg) => typeof arg === "object")) };
      answers.push({ method: request.method ?? "", path: request.url ?? "", status: Number(args[0]), headers });
      return writeHead(...args);
    }) as ServerResponse["writeHead"];
  });
  return answers;
}
