import { configFromObject } from "/work/wt-hardening-b/src/config/index.js";
import { createLogger } from "/work/wt-hardening-b/src/lib/logger.js";
import { startServer } from "/work/wt-hardening-b/src/server/node.js";
import { startFakeUpstream } from "/work/wt-hardening-b/test/fake-upstream/index.js";
const upstream = await startFakeUpstream({ apiKey: "k", script: () => ({ text: "fine" }) });
const s = await startServer({ config: configFromObject({ providers: { openai: { type: "openai", base_url: `${upstream.url}/v1`, api_key: "k" } }, models: { "*": ["openai/*"] } }), port: 0, logger: createLogger({ level: "warn" }) });
const r = await fetch(`${s.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "gpt-test\r\nx-injected: yes", messages: [{ role: "user", content: "hi" }] }) });
console.log(r.status, await r.text());
await s.close(); await upstream.close();
