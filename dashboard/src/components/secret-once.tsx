import { useState } from "preact/hooks";

/** A new key, shown this once, with a copy button; "Done" hides it for good (the server never shows it again). */
export function SecretOnce(props: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="secret-once" role="status" aria-live="polite" aria-labelledby="secret-title">
      <h2 id="secret-title">New key for {props.name}</h2>
      <p>Copy it now: Switchboard keeps only its hash and will not show it again.</p>
      <p>
        <code id="new-key" class="code-inline">
          {props.secret}
        </code>
      </p>
      <button
        type="button"
        onClick={() =>
          navigator.clipboard?.writeText(props.secret).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? "Copied" : "Copy key"}
      </button>{" "}
      <button type="button" onClick={props.onDone}>
        Done
      </button>
    </div>
  );
}
