import { useState } from "preact/hooks";
import { api, setSession } from "../api.js";
import type { SessionAnswer } from "../api-types.js";
import { Problem } from "../components/problem.js";

/** The key, asked once; the gateway answers with a session cookie the page cannot read. */
export function Login(props: { onSignedIn: () => void }) {
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  return (
    <main class="login" id="main">
      <h1>Switchboard</h1>
      <form
        aria-labelledby="login-title"
        onSubmit={(event) => {
          event.preventDefault();
          const key = String(new FormData(event.currentTarget as HTMLFormElement).get("key") ?? "");
          setBusy(true);
          api<SessionAnswer>("login", { method: "POST", body: { key } }).then(
            (answer) => {
              setSession(answer);
              props.onSignedIn();
            },
            (failure: Error) => {
              setBusy(false);
              setError(failure.message);
            },
          );
        }}
      >
        <h2 id="login-title">Sign in to the dashboard</h2>
        <label for="key">Switchboard API key (server.api_key) or admin key (server.admin_key)</label>
        <input id="key" name="key" type="password" autoComplete="current-password" required autoFocus />
        <Problem message={error} />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
