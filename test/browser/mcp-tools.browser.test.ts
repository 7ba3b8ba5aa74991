import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboardStack, type DashboardStack } from "../dashboard/start-dashboard-stack.js";
import { referenceServer } from "../mcp/support/reference-servers.js";
import { foreignRequests, launchChromium, openPage } from "./open-browser.js";

/** Where the screenshots go: SCREENSHOT_DIR (docs/images to refresh the README's and docs'), else a temporary folder. */
const screenshots = resolve(process.env["SCREENSHOT_DIR"] ?? join(tmpdir(), "switchboard-dashboard-screenshots"));

describe("the Tools (MCP) page in Chromium", () => {
  let browser: Browser;
  let stack: DashboardStack;
  let client: Client | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    const folder = await mkdtemp(join(tmpdir(), "switchboard-mcp-page-"));
    stack = await startDashboardStack({
      withStore: true,
      mcpServers: {
        memory: {
          command: process.execPath,
          args: [referenceServer.memory],
          env: { MEMORY_FILE_PATH: join(folder, "memory.jsonl") },
        },
      },
    });
  });
  afterAll(async () => {
    await client?.close();
    await browser?.close();
    await stack?.close();
  });

  it("shows the server's state and tools, and a tool call made through /mcp", async () => {
    const { page, context, errors, requested } = await openPage(browser);
    try {
      await page.goto(`${stack.url}/dashboard#/mcp`);
      await page.getByRole("heading", { level: 1, name: "Tools (MCP)" }).waitFor();
      await page.getByRole("link", { name: "Tools (MCP)" }).waitFor();
      const server = page.locator('#mcp-servers tr[data-server="memory"]');
      await server.waitFor();
      // Listing the tools started the server.
      await expect.poll(async () => server.locator('[data-column="state"]').textContent()).toBe("running");
      await server.getByText(/\d+ tools/).click();
      await server.locator("code", { hasText: "create_entities" }).waitFor();

      client = new Client({ name: "page-test", version: "1.0.0" });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${stack.url}/mcp`)));
      const created = await client.callTool({
        name: "memory__create_entities",
        arguments: { entities: [{ name: "Page", entityType: "test", observations: ["seen"] }] },
      });
      expect(created.isError).toBeFalsy();

      const row = page.locator("#mcp-calls tbody tr", { hasText: "create_entities" });
      await row.waitFor({ timeout: 10_000 });
      expect(await row.locator("td").nth(1).textContent()).toBe("memory");
      expect(await row.locator('[data-column="status"]').textContent()).toBe("ok");
      expect(await row.locator("td").nth(3).textContent()).toBe("anonymous");
      expect(errors).toEqual([]);
      expect(foreignRequests(requested, new URL(stack.url).origin)).toEqual([]);
      await mkdir(screenshots, { recursive: true });
      await page.screenshot({ path: join(screenshots, "dashboard-tools-light.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it("shows the same page in the dark scheme, with the call already made, and saves its screenshot", async () => {
    const { page, context, errors, requested } = await openPage(browser, { colorScheme: "dark" });
    try {
      await page.goto(`${stack.url}/dashboard#/mcp`);
      await page.getByRole("heading", { level: 1, name: "Tools (MCP)" }).waitFor();
      await page.locator("#live-status", { hasText: "Live" }).waitFor();
      const server = page.locator('#mcp-servers tr[data-server="memory"]');
      await expect.poll(async () => server.locator('[data-column="state"]').textContent()).toBe("running");
      await server.getByText(/\d+ tools/).click();
      await server.locator("code", { hasText: "create_entities" }).waitFor();
      await page.locator("#mcp-calls tbody tr", { hasText: "create_entities" }).waitFor();
      expect(errors).toEqual([]);
      expect(foreignRequests(requested, new URL(stack.url).origin)).toEqual([]);
      await mkdir(screenshots, { recursive: true });
      await page.screenshot({ path: join(screenshots, "dashboard-tools-dark.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
