import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { DeploymentHealth } from "../router/policy/deployment-health.js";

/**
 * Deployment cooldowns shared by replicas: a deployment that cools down on one (repeated failures,
 * a spent quota) is announced on a Redis channel and skipped by the others until the same moment,
 * instead of each replica paying for the same failures. Redis down: each replica cools on its own.
 */
export function shareCooldowns(options: {
  health: DeploymentHealth;
  publisher: Redis;
  subscriber: Redis;
  channel: string;
}): void {
  const { health, publisher, subscriber, channel } = options;
  const replica = randomBytes(6).toString("hex");
  health.onCooldown = (key, until) =>
    void publisher.publish(channel, JSON.stringify({ replica, key, until })).catch(() => undefined);
  subscriber.on("message", (from: string, text: string) => {
    if (from !== channel) return;
    try {
      const message = JSON.parse(text) as { replica?: unknown; key?: unknown; until?: unknown };
      if (message.replica === replica || typeof message.key !== "string" || typeof message.until !== "number") return;
      health.coolFromElsewhere(message.key, message.until);
    } catch {
      // Not ours: ignored.
    }
  });
  const subscribe = () => void subscriber.subscribe(channel).catch(() => undefined);
  if (subscriber.status === "ready") subscribe();
  subscriber.on("ready", subscribe);
}
