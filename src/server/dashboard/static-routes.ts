import type { FastifyInstance } from "fastify";
import { GatewayError } from "../../errors/gateway-error.js";
import { dashboardContentSecurityPolicy, findDashboardAssets, loadDashboardAssets } from "./static-assets.js";

const open = { config: { dashboardOpen: true } };

/** The page and its two bundles. The page holds no data: everything else asks for the session. */
export function registerStaticRoutes(app: FastifyInstance, assetsDir: string | undefined): void {
  const folder = assetsDir ?? findDashboardAssets();
  const assets = folder === undefined ? new Map() : loadDashboardAssets(folder);
  const serve = (name: string) => async (_request: unknown, reply: import("fastify").FastifyReply) => {
    const asset = assets.get(name);
    if (asset === undefined) {
      throw new GatewayError(
        "not_found",
        "The dashboard's front-end is not built. Run `npm run build` (it bundles dashboard/ into dist/dashboard).",
      );
    }
    return reply
      .header("content-type", asset.contentType)
      .header("cache-control", name === "index.html" ? "no-store" : "no-cache")
      .header("content-security-policy", dashboardContentSecurityPolicy)
      .header("x-content-type-options", "nosniff")
      .header("referrer-policy", "no-referrer")
      .send(asset.body);
  };
  app.get("/", open, serve("index.html"));
  app.get("/app.js", open, serve("app.js"));
  app.get("/app.css", open, serve("app.css"));
}
