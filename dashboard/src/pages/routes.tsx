import { api } from "../api.js";
import type { ProviderState, RoutesAndProviders } from "../api-types.js";
import { Problem } from "../components/problem.js";
import { dateTime, milliseconds, time } from "../format.js";
import { useData } from "../use-data.js";
import { GithubSignIn } from "./github-sign-in.js";

function signInText(provider: ProviderState): string {
  const signIn = provider.sign_in;
  switch (signIn.kind) {
    case "github": {
      if (!signIn.signedIn) return "Not signed in to GitHub.";
      const premium = signIn.premiumRequests;
      const left =
        premium === undefined
          ? ""
          : premium.unlimited
            ? "; premium requests unlimited"
            : `; ${premium.remaining ?? "?"} of ${premium.entitlement ?? "?"} premium requests left`;
      const reset = signIn.quotaResetDate === undefined ? "" : `, resets ${signIn.quotaResetDate}`;
      const problem = signIn.problem === undefined ? "" : ` (${signIn.problem})`;
      return `Signed in as ${signIn.account ?? "?"} via ${signIn.source ?? "?"}; plan ${signIn.plan ?? "unknown"}${left}${reset}${problem}`;
    }
    case "gitlab":
      return `Instance ${signIn.instanceUrl}; token ${signIn.tokenExpiresAt === undefined ? "not fetched yet" : `expires ${dateTime(signIn.tokenExpiresAt)}`}`;
    case "api-key":
      return signIn.keyPresent ? "API key present" : "API key missing";
    default:
      return "Sign-in state not reported.";
  }
}

/** Each route's chain with its deployments' health; each provider's sign-in; the GitHub sign-in. */
export function Routes() {
  const state = useData(() => api<RoutesAndProviders>("state"), "state");
  const copilot = state.data?.providers.find((provider) => provider.sign_in.kind === "github");
  const account =
    copilot?.sign_in.kind === "github" && copilot.sign_in.signedIn ? (copilot.sign_in.account ?? "") : undefined;
  return (
    <section aria-labelledby="routes-title">
      <h1 id="routes-title">Routes &amp; providers</h1>
      <Problem message={state.error} />
      <h2>Providers</h2>
      <ul class="providers" id="providers">
        {(state.data?.providers ?? []).map((provider) => (
          <li key={provider.id}>
            <strong>{provider.id}</strong> <span class="muted">({provider.type})</span>: {signInText(provider)}
          </li>
        ))}
      </ul>
      <GithubSignIn signedInAs={account} onChange={state.reload} />
      <h2>Routes</h2>
      {state.data !== undefined && state.data.routes.length === 0 ? (
        <p class="muted">No routes configured: clients name models directly (provider/model).</p>
      ) : null}
      {(state.data?.routes ?? []).map((route) => (
        <table class="data" key={route.name}>
          <caption>
            Route <code>{route.name}</code>
            {route.problem === null ? "" : ` — ${route.problem}`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Deployment</th>
              <th scope="col">State</th>
              <th scope="col">In flight</th>
              <th scope="col">Latency</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {route.chain.flatMap((group, step) =>
              group.deployments.map((deployment) => (
                <tr key={`${step}-${deployment.key}`}>
                  <td>{step === 0 ? "primary" : `fallback ${step}`}</td>
                  <td>
                    <code>{deployment.key}</code>
                  </td>
                  <td class={deployment.availability === "available" ? "status-ok" : "status-error"}>
                    {deployment.availability === "cooling" && deployment.cooldown_ends_at !== null
                      ? `cooling down until ${time(deployment.cooldown_ends_at)}`
                      : deployment.availability}
                  </td>
                  <td>{deployment.in_flight}</td>
                  <td>{milliseconds(deployment.latency_ms)}</td>
                  <td>
                    {deployment.last_error === null
                      ? "–"
                      : `${time(deployment.last_error.at)}: ${deployment.last_error.message}`}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      ))}
    </section>
  );
}
