import type { ProviderState } from "../api-types.js";
import { count } from "../format.js";

/** Copilot premium requests: spent against remaining, the reset date, a warning below 20 %. */
export function QuotaBar(props: { provider: ProviderState }) {
  const signIn = props.provider.sign_in;
  if (signIn.kind !== "github") return null;
  const premium = signIn.premiumRequests;
  if (!signIn.signedIn) return <p class="muted">Copilot ({props.provider.id}): not signed in.</p>;
  if (premium === undefined) return <p class="muted">Copilot ({props.provider.id}): premium requests not reported.</p>;
  if (premium.unlimited) return <p>Copilot premium requests: unlimited.</p>;
  const entitlement = premium.entitlement ?? 0;
  const remaining = premium.remaining ?? 0;
  const left = premium.percentRemaining ?? (entitlement === 0 ? 0 : (remaining / entitlement) * 100);
  const low = left < 20;
  return (
    <section class={`quota${low ? " quota-low" : ""}`} aria-labelledby={`quota-${props.provider.id}`}>
      <h3 id={`quota-${props.provider.id}`}>Copilot premium requests{signIn.account ? ` (${signIn.account})` : ""}</h3>
      <div
        class="quota-bar"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(left)}
        aria-label={`${Math.round(left)} % of premium requests left`}
      >
        <div class="quota-spent" style={{ width: `${Math.min(100, Math.max(0, 100 - left))}%` }} />
      </div>
      <p>
        {count(entitlement - remaining)} spent, {count(remaining)} of {count(entitlement)} left ({Math.round(left)} %)
        {signIn.quotaResetDate ? `; resets ${signIn.quotaResetDate}` : ""}.
        {low ? <strong class="warning"> Fewer than 20 % left.</strong> : null}
      </p>
    </section>
  );
}
