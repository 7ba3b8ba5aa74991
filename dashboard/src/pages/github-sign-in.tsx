import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import type { GithubSignInPhase } from "../api-types.js";
import { Problem } from "../components/problem.js";

/** "Sign in to GitHub": the device flow in the page, its progress, the account it ends with; and sign-out. */
export function GithubSignIn(props: { signedInAs: string | undefined; onChange: () => void }) {
  const [phase, setPhase] = useState<GithubSignInPhase>({ phase: "idle" });
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [note, setNote] = useState<string | undefined>(undefined);
  useEffect(() => {
    api<GithubSignInPhase>("github").then(setPhase, () => undefined);
  }, []);
  useEffect(() => {
    if (phase.phase !== "waiting") return;
    const timer = setInterval(() => {
      api<GithubSignInPhase>("github").then(
        (next) => {
          setPhase(next);
          if (next.phase === "signed-in") props.onChange();
        },
        () => undefined,
      );
    }, 1000);
    return () => clearInterval(timer);
  }, [phase.phase]);
  const start = (): void => {
    setError(undefined);
    setNote(undefined);
    api<GithubSignInPhase>("github/sign-in", { method: "POST" }).then(setPhase, (failure: Error) =>
      setError(failure.message),
    );
  };
  const signOut = (): void => {
    api<{ removed: boolean; still_signed_in_with: string | null }>("github/sign-out", { method: "POST" }).then(
      (answer) => {
        setPhase({ phase: "idle" });
        setNote(
          `${answer.removed ? "Signed out: the saved GitHub login is removed." : "Switchboard had no saved GitHub login."}${
            answer.still_signed_in_with === null ? "" : ` Copilot still signs in with ${answer.still_signed_in_with}.`
          }`,
        );
        props.onChange();
      },
      (failure: Error) => setError(failure.message),
    );
  };
  return (
    <section class="github" aria-labelledby="github-title">
      <h2 id="github-title">GitHub sign-in</h2>
      <Problem message={error ?? (phase.phase === "failed" ? phase.message : undefined)} />
      {note !== undefined ? <p role="status">{note}</p> : null}
      {phase.phase === "waiting" ? (
        <div class="device-code" role="status" aria-live="polite">
          <p>
            Enter this code at{" "}
            <a href={phase.verification_uri} target="_blank" rel="noopener noreferrer">
              {phase.verification_uri.replace(/^https?:\/\//, "")}
            </a>{" "}
            (opens in a new tab):
          </p>
          <p class="code" id="device-code">
            {phase.user_code}
          </p>
          <button
            type="button"
            onClick={() =>
              navigator.clipboard?.writeText(phase.user_code).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? "Copied" : "Copy code"}
          </button>{" "}
          <button
            type="button"
            onClick={() => api<GithubSignInPhase>("github/cancel", { method: "POST" }).then(setPhase)}
          >
            Cancel
          </button>
          <p class="muted">
            <span class="spinner" aria-hidden="true" /> Waiting for you to approve the code on GitHub…
          </p>
        </div>
      ) : null}
      {phase.phase === "signed-in" ? (
        <p role="status" id="github-signed-in">
          Signed in to GitHub as <strong>{phase.account ?? "an unnamed account"}</strong>
          {phase.plan === null ? "" : ` (plan ${phase.plan})`}. Copilot serves now.
          {phase.problem === null ? "" : ` Note: ${phase.problem}`}
        </p>
      ) : null}
      {phase.phase !== "waiting" ? (
        <p>
          <button type="button" onClick={start}>
            {props.signedInAs === undefined ? "Sign in to GitHub" : "Sign in to GitHub again"}
          </button>{" "}
          {props.signedInAs !== undefined || phase.phase === "signed-in" ? (
            <button type="button" onClick={signOut}>
              Sign out of GitHub
            </button>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
