import { render } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { api, session, setSession, whenSignedOut } from "./api.js";
import { Problem } from "./components/problem.js";
import { hashOf, pages, parseHash } from "./hash-route.js";
import { LiveFeed, type LiveStatus } from "./live.js";
import { Keys } from "./pages/keys.js";
import { Login } from "./pages/login.js";
import { McpTools } from "./pages/mcp-tools.js";
import { Overview } from "./pages/overview.js";
import { Requests } from "./pages/requests.js";
import { Routes } from "./pages/routes.js";
import { Sessions } from "./pages/sessions.js";
import "./styles.css";

type Theme = "system" | "light" | "dark";

function applyTheme(theme: Theme): void {
  if (theme === "system") delete document.documentElement.dataset["theme"];
  else document.documentElement.dataset["theme"] = theme;
}

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const changed = (): void => setHash(location.hash);
    addEventListener("hashchange", changed);
    return () => removeEventListener("hashchange", changed);
  }, []);
  return hash;
}

function Shell(props: { keyRequired: boolean; onSignOut: () => void }) {
  const hash = useHash();
  const route = parseHash(hash);
  const live = useMemo(() => new LiveFeed(async () => setSession(await session())), []);
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [theme, setTheme] = useState<Theme>((localStorage.getItem("theme") as Theme | null) ?? "system");
  useEffect(() => {
    const unwatch = live.onStatus(setStatus);
    live.start();
    return () => {
      unwatch();
      live.stop();
    };
  }, [live]);
  useEffect(() => {
    applyTheme(theme);
    localStorage.setItem("theme", theme);
  }, [theme]);
  useEffect(() => {
    document.title = `${pages.find((page) => page.id === route.page)?.title ?? ""} · Switchboard`;
  }, [route.page]);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Switchboard</span>
        <nav aria-label="Pages">
          <ul>
            {pages.map((page) => (
              <li key={page.id}>
                <a href={hashOf(page.id)} aria-current={page.id === route.page ? "page" : undefined}>
                  {page.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class={`live live-${status}`} role="status" aria-live="polite" id="live-status">
          {status === "live" ? "Live" : status === "connecting" ? "Connecting…" : "Reconnecting…"}
        </span>
        <label class="theme">
          Theme{" "}
          <select
            value={theme}
            onChange={(event) => setTheme((event.currentTarget as HTMLSelectElement).value as Theme)}
          >
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        {props.keyRequired ? (
          <button type="button" onClick={props.onSignOut}>
            Sign out
          </button>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        <Problem message={route.problem} />
        {route.page === "overview" ? <Overview live={live} params={route.params} /> : null}
        {route.page === "requests" ? <Requests live={live} params={route.params} /> : null}
        {route.page === "sessions" ? <Sessions live={live} params={route.params} /> : null}
        {route.page === "routes" ? <Routes /> : null}
        {route.page === "keys" ? <Keys /> : null}
        {route.page === "mcp" ? <McpTools params={route.params} /> : null}
      </main>
    </>
  );
}

function App() {
  const [state, setState] = useState<"loading" | "login" | "in" | "error">("loading");
  const [keyRequired, setKeyRequired] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const check = (): void => {
    session().then(
      (answer) => {
        setSession(answer);
        setKeyRequired(answer.key_required);
        setState(answer.signed_in ? "in" : "login");
      },
      (failure: Error) => {
        setError(failure.message);
        setState("error");
      },
    );
  };
  useEffect(() => {
    whenSignedOut(() => setState("login"));
    check();
  }, []);
  if (state === "loading") return <p class="loading">Loading…</p>;
  if (state === "error")
    return (
      <main id="main">
        <Problem message={error} />
      </main>
    );
  if (state === "login") return <Login onSignedIn={check} />;
  return (
    <Shell
      keyRequired={keyRequired}
      onSignOut={() => api("logout", { method: "POST" }).finally(() => setState("login"))}
    />
  );
}

const root = document.getElementById("app");
if (root !== null) {
  root.textContent = "";
  render(<App />, root);
}
