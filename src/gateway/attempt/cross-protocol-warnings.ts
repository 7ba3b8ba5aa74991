import type { Extensions } from "../../ir/extensions.js";
import type { Request } from "../../ir/request.js";
import type { Warning } from "../../ir/warning.js";
import type { WireApi } from "../../protocols/wire-api.js";
import { translators } from "../../translate/registry.js";

function hasOwnExtension(extensions: Extensions | undefined, api: WireApi, key: string): boolean {
  const own = extensions?.[api];
  return own !== undefined && key in own;
}

/**
 * What the gateway itself must drop when the upstream speaks another API: extensions only the
 * client's protocol understands (Anthropic `cache_control`, `context_management`, …) and hosted
 * tools of another protocol (Responses `web_search`), which no other upstream can run.
 * Returns the request without those tools and one warning per dropped feature.
 */
export function dropCrossProtocolFeatures(
  request: Request,
  clientApi: WireApi,
  upstreamApi: WireApi,
): { request: Request; warnings: Warning[] } {
  if (clientApi === upstreamApi) return { request, warnings: [] };
  const warnings: Warning[] = [];
  const untranslated =
    translators[clientApi].untranslatedFeatures?.(request) ?? Object.keys(request.extensions?.[clientApi] ?? {});
  for (const key of untranslated) {
    warnings.push({
      type: "unsupported",
      feature: key,
      detail: `${clientApi} only; not sent to the ${upstreamApi} upstream`,
    });
  }
  const parts: Array<{ extensions?: Extensions }> = [
    ...request.system,
    ...request.messages.flatMap((message): Array<{ extensions?: Extensions }> => message.content),
  ];
  if (parts.some((part) => hasOwnExtension(part.extensions, clientApi, "cache_control"))) {
    warnings.push({
      type: "unsupported",
      feature: "cache_control",
      detail: `${upstreamApi} upstreams cache prompts on their own`,
    });
  }
  const foreignTools = request.tools.filter((tool) => tool.kind === "protocol" && tool.protocol !== upstreamApi);
  for (const tool of foreignTools) {
    if (tool.kind !== "protocol") continue;
    warnings.push({
      type: "unsupported",
      feature: `tools ${tool.type}`,
      detail: `a hosted ${tool.protocol} tool the ${upstreamApi} upstream cannot run; dropped`,
    });
  }
  if (foreignTools.length === 0) return { request, warnings };
  return { request: { ...request, tools: request.tools.filter((tool) => !foreignTools.includes(tool)) }, warnings };
}

/** Keeps the first warning for each feature. */
export function dedupeWarnings(warnings: Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings.filter((warning) => {
    const key = `${warning.type}:${warning.feature}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
