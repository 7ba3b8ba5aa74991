import { useEffect } from "preact/hooks";
import { api } from "../api.js";
import { Problem } from "../components/problem.js";
import { dateTime, milliseconds } from "../format.js";
import { useData } from "../use-data.js";

/** One tool server as `/api/mcp/servers` shows it. */
interface McpServer {
  name: string;
  transport: string;
  state: "stopped" | "starting" | "running" | "crashed";
  restarts: number;
  last_error: string | null;
  tools: Array<{ name: string; description: string | null }> | null;
  tools_error: string | null;
}

/** One row of `/api/mcp/calls`. */
interface McpCall {
  id: string;
  started_at: string;
  server: string;
  tool: string;
  key_id: string;
  duration_ms: number;
  status: string;
  error: string | null;
}

// Tool calls are not in the live feed (it carries model requests): the page reads them again this often.
const refreshMs = 3_000;

function ServerRow(props: { server: McpServer }) {
  const { server } = props;
  return (
    <tr data-server={server.name}>
      <th scope="row">
        <a href={`#/mcp?server=${encodeURIComponent(server.name)}`}>{server.name}</a>
      </th>
      <td>{server.transport}</td>
      <td class={server.state === "crashed" ? "status-error" : "status-ok"} data-column="state">
        {server.state}
      </td>
      <td>{server.restarts}</td>
      <td>{server.last_error ?? "–"}</td>
      <td data-column="tools">
        {server.tools === null ? (
          <span class="status-error">{server.tools_error ?? "not listed"}</span>
        ) : (
          <details>
            <summary>{server.tools.length} tools</summary>
            <ul>
              {server.tools.map((tool) => (
                <li key={tool.name} title={tool.description ?? ""}>
                  <code>{tool.name}</code>
                </li>
              ))}
            </ul>
          </details>
        )}
      </td>
    </tr>
  );
}

/** The MCP gateway: each tool server's state and tools, and the newest tool calls (optionally one server's). */
export function McpTools(props: { params: Record<string, string> }) {
  const server = props.params["server"];
  const servers = useData(() => api<{ servers: McpServer[] }>("mcp/servers"), "mcp-servers");
  const query = server === undefined ? "" : `&server=${encodeURIComponent(server)}`;
  const calls = useData(() => api<{ calls: McpCall[] }>(`mcp/calls?limit=50${query}`), `mcp-calls${query}`);
  useEffect(() => {
    const timer = setInterval(() => {
      servers.reload();
      calls.reload();
    }, refreshMs);
    return () => clearInterval(timer);
  }, [servers.reload, calls.reload]);
  return (
    <section aria-labelledby="mcp-title">
      <h1 id="mcp-title">Tools (MCP)</h1>
      <Problem message={servers.error ?? calls.error} />
      <h2>Servers</h2>
      {servers.data !== undefined && servers.data.servers.length === 0 ? (
        <p class="muted">No tool servers configured (mcp_servers in the config).</p>
      ) : (
        <table class="data" id="mcp-servers">
          <thead>
            <tr>
              <th scope="col">Server</th>
              <th scope="col">Transport</th>
              <th scope="col">State</th>
              <th scope="col">Restarts</th>
              <th scope="col">Last error</th>
              <th scope="col">Tools</th>
            </tr>
          </thead>
          <tbody>
            {(servers.data?.servers ?? []).map((entry) => (
              <ServerRow key={entry.name} server={entry} />
            ))}
          </tbody>
        </table>
      )}
      <h2>
        Recent calls{server === undefined ? "" : ` to ${server}`}
        {server === undefined ? null : (
          <>
            {" "}
            <a href="#/mcp">(all servers)</a>
          </>
        )}
      </h2>
      {calls.data !== undefined && calls.data.calls.length === 0 ? (
        <p class="muted">No tool calls yet.</p>
      ) : (
        <table class="data" id="mcp-calls">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Server</th>
              <th scope="col">Tool</th>
              <th scope="col">Key</th>
              <th scope="col">Status</th>
              <th scope="col">Duration</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            {(calls.data?.calls ?? []).map((call) => (
              <tr key={call.id}>
                <td>{dateTime(call.started_at)}</td>
                <td>{call.server}</td>
                <td>
                  <code>{call.tool}</code>
                </td>
                <td>{call.key_id}</td>
                <td class={call.status === "ok" ? "status-ok" : "status-error"} data-column="status">
                  {call.status}
                </td>
                <td>{milliseconds(call.duration_ms)}</td>
                <td>{call.error ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
