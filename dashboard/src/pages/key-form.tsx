import { useRef, useState } from "preact/hooks";
import { ApiError } from "../api.js";
import type { KeyRow } from "../api-types.js";
import { Problem } from "../components/problem.js";

/** The key fields as the admin API takes them (src/keys/read-key-input.ts), in the flags' own notation. */
const fields = [
  { name: "name", label: "Name", hint: "The person or CI job using it." },
  { name: "models", label: "Models", hint: "Comma-separated routes, e.g. sonnet,gpt-5.1. Empty: every model." },
  {
    name: "mcp",
    label: "Tool servers (MCP)",
    hint: "Comma-separated servers or server/tool, e.g. memory,filesystem/read_file; * for all. Empty: none.",
  },
  { name: "rpm", label: "Requests per minute", hint: "" },
  { name: "tpm", label: "Tokens per minute", hint: "" },
  { name: "max_parallel", label: "Requests in parallel", hint: "" },
  { name: "budget", label: "Budget", hint: "US dollars per day, week or month, e.g. 50usd/month." },
  { name: "premium_requests", label: "Premium requests", hint: "Copilot premium requests per period, e.g. 300/month." },
  { name: "expires", label: "Expires", hint: "A duration (30d, 12h, 2w) or a date (2027-01-31)." },
] as const;

type FieldName = (typeof fields)[number]["name"];
export type KeyFields = Partial<Record<FieldName, string>>;

/** A key's current values in the form's notation. */
export function fieldsOf(key: KeyRow): KeyFields {
  const { limits } = key;
  return {
    name: key.name,
    models: key.models?.join(",") ?? "",
    mcp: key.mcp.join(","),
    rpm: limits.rpm?.toString() ?? "",
    tpm: limits.tpm?.toString() ?? "",
    max_parallel: limits.max_parallel?.toString() ?? "",
    budget: limits.budget === null ? "" : `${limits.budget.usd}usd/${limits.budget.period}`,
    premium_requests:
      limits.premium_requests === null ? "" : `${limits.premium_requests.count}/${limits.premium_requests.period}`,
    expires: key.expires_at ?? "",
  };
}

/**
 * What to send: on create, the filled fields; on change, the changed ones, a cleared field as
 * null (which removes that limit).
 */
function bodyOf(form: HTMLFormElement, initial: KeyFields | undefined): Record<string, string | null> {
  const data = new FormData(form);
  const body: Record<string, string | null> = {};
  for (const { name } of fields) {
    const value = String(data.get(name) ?? "").trim();
    if (initial === undefined) {
      if (value !== "") body[name] = value;
    } else if (value !== (initial[name] ?? "")) {
      body[name] = value === "" ? null : value;
    }
  }
  return body;
}

/** Creates a key, or changes one (`initial`): the API's refusal is shown and its field marked and focused. */
export function KeyForm(props: {
  id: string;
  title: string;
  submitLabel: string;
  initial?: KeyFields;
  onSubmit: (body: Record<string, string | null>) => Promise<void>;
  onCancel?: () => void;
}) {
  const [error, setError] = useState<{ message: string; field: string | undefined } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const inputId = (name: string): string => `${props.id}-${name}`;
  return (
    <form
      ref={form}
      class="key-form"
      aria-labelledby={`${props.id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        const element = event.currentTarget as HTMLFormElement;
        setBusy(true);
        setError(undefined);
        props.onSubmit(bodyOf(element, props.initial)).then(
          () => {
            setBusy(false);
            if (props.initial === undefined) element.reset();
          },
          (failure: unknown) => {
            setBusy(false);
            const field = failure instanceof ApiError ? failure.param : undefined;
            setError({ message: failure instanceof Error ? failure.message : String(failure), field });
            if (field !== undefined) (element.querySelector(`#${inputId(field)}`) as HTMLInputElement | null)?.focus();
          },
        );
      }}
    >
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <div class="key-fields">
        {fields.map((field) => {
          const invalid = error?.field === field.name;
          return (
            <label key={field.name} for={inputId(field.name)}>
              {field.label}
              <input
                id={inputId(field.name)}
                name={field.name}
                defaultValue={props.initial?.[field.name] ?? ""}
                required={field.name === "name"}
                aria-invalid={invalid ? "true" : undefined}
                aria-describedby={
                  invalid ? `${props.id}-error` : field.hint === "" ? undefined : `${inputId(field.name)}-hint`
                }
              />
              {field.hint === "" ? null : (
                <span class="hint" id={`${inputId(field.name)}-hint`}>
                  {field.hint}
                </span>
              )}
            </label>
          );
        })}
      </div>
      <div id={`${props.id}-error`}>
        <Problem
          message={
            error === undefined
              ? undefined
              : `${error.message}${error.field === undefined ? "" : ` (field: ${error.field})`}`
          }
        />
      </div>
      <button type="submit" disabled={busy}>
        {props.submitLabel}
      </button>{" "}
      {props.onCancel === undefined ? null : (
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      )}
    </form>
  );
}
