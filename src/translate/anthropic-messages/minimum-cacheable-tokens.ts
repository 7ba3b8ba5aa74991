/**
 * The shortest prefix (in tokens) Anthropic caches for a model; a breakpoint on a shorter prefix is
 * accepted and silently not cached. Sources: Anthropic's prompt-caching docs as quoted in
 * anthropics/anthropic-sdk-python#1194 (4096 for Opus 4.5/4.6 and Haiku 4.5; 1024 for Sonnet 4.x,
 * Opus 4/4.1 and Sonnet 3.7; 2048 for Haiku 3/3.5), and later models per public write-ups of the
 * same page (2048 for Opus 4.7, 1024 for Opus 4.8; 512 for the 5-series Opus). Names are read like
 * model-capabilities.ts reads them: dashed or dotted, with or without a date. Unknown names get 1024.
 */
export function minimumCacheableTokens(model: string): number {
  if (/claude-3-(5-)?haiku|claude-3-haiku/.test(model)) return 2048;
  const match = /(opus|sonnet|haiku)-(\d+)[-.](\d)(?!\d)|(opus|sonnet|haiku)-(\d+)(?![-.\d])/.exec(model);
  if (match === null) return 1024;
  const family = match[1] ?? match[4];
  const version = match[2] === undefined ? Number(match[5]) * 10 : Number(match[2]) * 10 + Number(match[3]);
  if (family === "haiku") return version >= 45 ? 4096 : 2048;
  if (family === "opus") {
    if (version >= 50) return 512;
    if (version === 45 || version === 46) return 4096;
    if (version === 47) return 2048;
  }
  return 1024;
}
