import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { ErrorCode, type ServerResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { HandlerExtra } from "./forward-tool-call.js";
import { mcpError } from "./mcp-errors.js";

/**
 * Registers a request handler whose params failing the method's schema are answered with
 * -32602 Invalid params, as the specification names. The SDK's own registration parses params
 * before any handler runs and turns a failure into -32603 Internal error; registering a schema
 * that checks only the method, then validating here, gives the right code.
 */
export function setValidatedHandler<Schema extends z.ZodObject<z.ZodRawShape>>(
  server: Server,
  schema: Schema,
  handler: (request: z.infer<Schema>, extra: HandlerExtra) => Promise<ServerResult>,
): void {
  const method = (schema.shape["method"] as z.ZodLiteral<string>).value;
  const methodOnly = z.looseObject({ method: z.literal(method) });
  server.setRequestHandler(methodOnly, async (request, extra) => {
    const parsed = schema.safeParse(request);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(request)"}: ${issue.message}`);
      throw mcpError(ErrorCode.InvalidParams, `Invalid params for ${method}: ${problems.join("; ")}`);
    }
    return handler(parsed.data, extra);
  });
}
