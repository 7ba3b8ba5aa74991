import type { FastifyInstance } from "fastify";
import type { Config } from "../../config/schema.js";
import { userConfigDir } from "../../config/find-config-file.js";
import { createProviders } from "../../gateway/create-providers.js";
import type { Gateway } from "../../gateway/gateway.js";
import type { KeyService } from "../../keys/key-service.js";
import type { Logger } from "../../lib/logger.js";
import type { ReadKeyActivity } from "../key-activity.js";
import { registerKeyRoutes } from "../routes/key-routes.js";
import { createDashboardAccess } from "./dashboard-access.js";
import { DashboardSessions } from "./dashboard-sessions.js";
import { GithubSignIn } from "./github-sign-in.js";
import { registerGithubRoutes } from "./github-routes.js";
import { registerLiveFeedRoute } from "./live-feed-route.js";
import type { UsageFeed } from "./live-usage-feed.js";
import { readRoutesAndProviders } from "./routes-state.js";
import { registerSessionRoutes } from "./session-routes.js";
import { registerStaticRoutes } from "./static-routes.js";
import { registerUsageProxyRoutes } from "./usage-proxy-routes.js";
import { knownRoutesOf } from "../routes/known-routes.js";

/** What the dashboard needs beyond the app's own options; every field has a default. */
export interface DashboardOptions {
  /** Finished requests as they are recorded (the live feed). Without it the page refreshes on demand only. */
  feed?: UsageFeed;
  env?: NodeJS.ProcessEnv;
  /** Where `switchboard login github` saves the token. */
  configDir?: string;
  /** Rebuilds the providers (the CLI re-reads the config, as on SIGHUP); default: from the running config. */
  reloadProviders?: () => Promise<void>;
  /** The built front-end; default: `dist/dashboard`. */
  assetsDir?: string;
  /** Test seam for the device flow's waits. */
  sleep?: (milliseconds: number) => Promise<void>;
}

/** `/dashboard`: the page, its session, its JSON, the live feed, the GitHub sign-in and the keys, in one plugin. */
export function registerDashboard(
  app: FastifyInstance,
  options: DashboardOptions & {
    config: Config;
    gateway: Gateway;
    logger: Logger;
    /** The Keys page's operations: the admin API's own routes, under `/dashboard`. */
    keys?: { service: KeyService; activity?: ReadKeyActivity };
  },
): void {
  const { config, gateway, logger } = options;
  const { apiKey, adminKey } = config.server;
  const keys = [adminKey, apiKey].filter((key): key is string => key !== undefined);
  const env = options.env ?? process.env;
  const configDir = options.configDir ?? userConfigDir(env);
  const reloadProviders =
    options.reloadProviders ??
    (async () => {
      const providers = createProviders({ config, env, configDir, logger });
      await gateway.reload({ config, providers });
    });
  void app.register(
    async (instance) => {
      // The app-wide key check does not know the session cookie; this plugin checks access itself.
      instance.addHook("onRoute", (route) => {
        route.config = { ...route.config, public: true };
      });
      // Sessions end when either key changes.
      const sessions = new DashboardSessions(keys.length === 0 ? undefined : keys.join("\0"));
      const access = createDashboardAccess({ app: instance, keys, sessions });
      instance.addHook("onRequest", async (request) => access.check(request));
      registerStaticRoutes(instance, options.assetsDir);
      registerSessionRoutes(instance, { keys, sessions, access });
      registerLiveFeedRoute(instance, options.feed);
      instance.get("/api/state", async () => readRoutesAndProviders(gateway));
      const signIn = new GithubSignIn({
        gateway,
        providers: config.providers,
        env,
        configDir,
        logger,
        reloadProviders,
        ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
      });
      registerGithubRoutes(instance, signIn);
      // A flow still polling GitHub must not outlive the server.
      instance.addHook("onClose", async () => signIn.cancel());
      if (options.keys !== undefined)
        registerKeyRoutes(
          instance,
          options.keys.service,
          options.keys.activity,
          knownRoutesOf(() => gateway.table),
        );
      registerUsageProxyRoutes(instance, {
        root: app,
        adminKey: adminKey ?? apiKey,
        aliases: Object.fromEntries(
          Object.entries(config.models).flatMap(([alias, targets]) =>
            targets[0] === undefined ? [] : [[alias, targets[0]]],
          ),
        ),
      });
    },
    { prefix: "/dashboard" },
  );
}
