import type { FastifyInstance } from "fastify";
import type { GithubSignIn } from "./github-sign-in.js";

/** The browser's GitHub sign-in: start the device flow, follow it, cancel it, sign out. */
export function registerGithubRoutes(app: FastifyInstance, signIn: GithubSignIn): void {
  app.get("/api/github", async () => signIn.state);
  app.post("/api/github/sign-in", async () => signIn.start());
  app.post("/api/github/cancel", async () => {
    signIn.cancel();
    return signIn.state;
  });
  app.post("/api/github/sign-out", async () => signIn.signOut());
}
