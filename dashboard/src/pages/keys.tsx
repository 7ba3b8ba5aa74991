import { useState } from "preact/hooks";
import { api } from "../api.js";
import type { KeyRow, KeyWithSecret } from "../api-types.js";
import { Problem } from "../components/problem.js";
import { SecretOnce } from "../components/secret-once.js";
import { budgetDollars } from "../../../src/lib/budget-dollars.js";
import { count, dateTime, dollars } from "../format.js";
import { useData } from "../use-data.js";
import { fieldsOf, KeyForm } from "./key-form.js";

function stateOf(key: KeyRow): "revoked" | "expired" | "active" {
  if (key.revoked_at !== null) return "revoked";
  if (key.expires_at !== null && Date.parse(key.expires_at) <= Date.now()) return "expired";
  return "active";
}

function limitsText(key: KeyRow): string {
  const { limits } = key;
  const parts: string[] = [];
  if (limits.rpm !== null) parts.push(`${count(limits.rpm)} requests/min`);
  if (limits.tpm !== null) parts.push(`${count(limits.tpm)} tokens/min`);
  if (limits.max_parallel !== null) parts.push(`${limits.max_parallel} in parallel`);
  return parts.length === 0 ? "none" : parts.join(", ");
}

/** A budget as short as it stays true: $50, but $12.50 and $0.0001 (never rounded to $13 or $0.00). */
function budgetAmount(usd: number): string {
  const short = dollars(usd);
  return Number(short.slice(1)) === usd ? short : budgetDollars(usd);
}

/** "$1.20 of $50/month" and, below, when the period resets; "–" without that allowance. */
function Allowance(props: {
  limit: { amount: string; period: string } | null;
  spent: string | null;
  resetsAt: string | null | undefined;
}) {
  if (props.limit === null) return <>–</>;
  const used = props.spent === null ? "" : `${props.spent} of `;
  return (
    <>
      {`${used}${props.limit.amount}/${props.limit.period}`}
      {props.resetsAt === null || props.resetsAt === undefined ? null : (
        <>
          <br />
          <span class="muted">resets {props.resetsAt.slice(0, 10)}</span>
        </>
      )}
    </>
  );
}

function KeyRowView(props: { keyRow: KeyRow; onRotate: () => void; onRevoke: () => void; onEdit: () => void }) {
  const key = props.keyRow;
  const state = stateOf(key);
  const { budget, premium_requests: premium } = key.limits;
  const spent = key.spent ?? null;
  return (
    <tr data-key-id={key.id}>
      <th scope="row">
        {key.name}
        <br />
        <span class="muted">{key.hint}</span>
      </th>
      <td>
        <code>{key.id}</code>
      </td>
      <td class="wrap">{key.models?.join(", ") ?? "all"}</td>
      <td class="wrap" data-column="mcp">
        {key.mcp.length === 0 ? "none" : key.mcp.join(", ")}
      </td>
      <td class="wrap" data-column="limits">
        {limitsText(key)}
      </td>
      <td data-column="budget">
        <Allowance
          limit={budget === null ? null : { amount: budgetAmount(budget.usd), period: budget.period }}
          spent={spent === null || spent.budget_usd === null ? null : dollars(spent.budget_usd)}
          resetsAt={spent?.budget_resets_at}
        />
      </td>
      <td data-column="premium">
        <Allowance
          limit={premium === null ? null : { amount: count(premium.count), period: premium.period }}
          spent={spent === null || spent.premium_requests === null ? null : count(spent.premium_requests)}
          resetsAt={spent?.premium_requests_reset_at}
        />
      </td>
      <td title={key.expires_at ?? undefined}>
        {key.expires_at === null ? "never" : dateTime(key.expires_at).slice(0, 10)}
      </td>
      <td data-column="last-used">
        {key.last_used_at === null || key.last_used_at === undefined ? "never" : dateTime(key.last_used_at)}
      </td>
      <td data-column="state" class={state === "active" ? "status-ok" : "status-error"}>
        {state}
        {key.revoked_at === null ? "" : ` ${dateTime(key.revoked_at)}`}
      </td>
      <td class="actions">
        {state === "revoked" ? null : (
          <>
            <button type="button" onClick={props.onEdit} aria-label={`Change limits of ${key.name}`}>
              Change
            </button>{" "}
            <button type="button" onClick={props.onRotate} aria-label={`Rotate ${key.name}`}>
              Rotate
            </button>{" "}
            <button type="button" onClick={props.onRevoke} aria-label={`Revoke ${key.name}`}>
              Revoke
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

/** Virtual keys: list, create (the key shown once), change limits, rotate (new key shown once), revoke. */
export function Keys() {
  const keys = useData(() => api<{ keys: KeyRow[] }>("keys"), "keys");
  const [secret, setSecret] = useState<{ name: string; key: string } | undefined>(undefined);
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [actionError, setActionError] = useState<string | undefined>(undefined);
  const act = (run: () => Promise<void>): void => {
    setActionError(undefined);
    run().then(keys.reload, (failure: Error) => setActionError(failure.message));
  };
  const rows = keys.data?.keys ?? [];
  const edited = rows.find((key) => key.id === editing);
  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">Keys</h1>
      <p class="muted">
        Virtual keys for people and CI jobs, each with its models, limits and budget. Switchboard checks them when a
        master key (server.api_key) is set.
      </p>
      <Problem message={keys.error ?? actionError} />
      {secret === undefined ? null : (
        <SecretOnce name={secret.name} secret={secret.key} onDone={() => setSecret(undefined)} />
      )}
      <div class="scroll">
        <table class="data" id="keys">
          <caption>Keys, newest last; spend counts what the usage store has recorded this period</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Id</th>
              <th scope="col">Models</th>
              <th scope="col">Tool servers</th>
              <th scope="col">Limits</th>
              <th scope="col">Budget</th>
              <th scope="col">Premium requests</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {keys.data !== undefined && rows.length === 0 ? (
              <tr>
                <td colSpan={10} class="muted">
                  No keys yet. Create one below, or with `switchboard keys create`.
                </td>
              </tr>
            ) : null}
            {rows.map((key) => (
              <KeyRowView
                key={key.id}
                keyRow={key}
                onEdit={() => setEditing(key.id)}
                onRotate={() =>
                  act(async () => {
                    if (!confirm(`Rotate "${key.name}"? Its current key stops working at once.`)) return;
                    const rotated = await api<KeyWithSecret>(`keys/${key.id}/rotate`, { method: "POST" });
                    setSecret({ name: rotated.name, key: rotated.key });
                  })
                }
                onRevoke={() =>
                  act(async () => {
                    if (!confirm(`Revoke "${key.name}"? Every request with it is refused from now on.`)) return;
                    await api(`keys/${key.id}/revoke`, { method: "POST" });
                  })
                }
              />
            ))}
          </tbody>
        </table>
      </div>
      {edited === undefined ? null : (
        <KeyForm
          key={edited.id}
          id="edit-key"
          title={`Change ${edited.name}`}
          submitLabel="Save changes"
          initial={fieldsOf(edited)}
          onCancel={() => setEditing(undefined)}
          onSubmit={async (body) => {
            await api(`keys/${edited.id}`, { method: "PATCH", body });
            setEditing(undefined);
            keys.reload();
          }}
        />
      )}
      <KeyForm
        id="create-key"
        title="Create a key"
        submitLabel="Create key"
        onSubmit={async (body) => {
          const created = await api<KeyWithSecret>("keys", { method: "POST", body });
          setSecret({ name: created.name, key: created.key });
          keys.reload();
        }}
      />
    </section>
  );
}
