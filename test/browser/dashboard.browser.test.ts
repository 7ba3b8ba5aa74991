import { mkdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { savedGithubTokenPath } from "../../src/providers/github-copilot/index.js";
import {
  dashboardKey,
  gitlabToken,
  rateLimitGptBig,
  startDashboardStack,
  type DashboardStack,
} from "../dashboard/start-dashboard-stack.js";
import { foreignRequests, launchChromium, openPage } from "./open-browser.js";

/** Where the screenshots go: SCREENSHOT_DIR (docs/images to refresh the README's), else a temporary folder. */
const screenshots = resolve(process.env["SCREENSHOT_DIR"] ?? join(tmpdir(), "switchboard-dashboard-screenshots"));

const pages = [
  { hash: "#/overview", heading: "Overview", name: "overview" },
  { hash: "#/requests", heading: "Requests", name: "requests" },
  { hash: "#/sessions", heading: "Sessions", name: "sessions" },
  { hash: "#/routes", heading: "Routes & providers", name: "routes" },
  { hash: "#/keys", heading: "Keys", name: "keys" },
];

/** The legend of one of the Overview's speed charts, by the start of its title. */
function speedLegend(page: Page, title: string): Locator {
  return page.locator("#speed-charts figure", { hasText: title }).locator(".u-legend");
}

describe("the dashboard in Chromium", () => {
  let browser: Browser;
  let stack: DashboardStack;
  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    browser = await launchChromium();
    stack = await startDashboardStack({ withStore: true });
    for (const user of ["first", "second", "third"]) {
      expect((await stack.chat("fast", { user, session: "session-one" })).status).toBe(200);
    }
    expect((await stack.chat("careful", { user: "fourth", session: "session-two" })).status).toBe(200);
    // Streamed, so the Overview has a tokens-per-second point (a whole answer has no time after its first byte).
    expect((await (await stack.chat("fast", { user: "streamed", stream: true })).text()).length).toBeGreaterThan(0);
    // Keys for the Keys page (no master key here: the admin API is open on this loopback stack).
    for (const key of [
      { name: "alice", models: ["fast", "careful"], rpm: 60, budget: "50usd/month", expires: "30d" },
      { name: "ci-nightly", tpm: 200000, max_parallel: 4, premium_requests: "300/month" },
    ]) {
      const created = await fetch(`${stack.url}/api/keys`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(key),
      });
      expect(created.status).toBe(201);
    }
    // The store writes its queue once a second and the page reads what is written: a page opened
    // sooner showed an empty overview until the next live event (the tests raced the flush).
    await stack.server.usageStore?.flush();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`loads each page (${colorScheme}) without asking another origin for anything, and saves screenshots`, async () => {
      const { page, requested, errors, context } = await openPage(browser, { colorScheme });
      try {
        for (const entry of pages) {
          await page.goto(`${stack.url}/dashboard${entry.hash}`);
          await page.getByRole("heading", { level: 1, name: entry.heading }).waitFor();
          await page.locator("#live-status", { hasText: "Live" }).waitFor();
          if (entry.name === "overview") {
            await page.locator("#by-model tbody th", { hasText: "gpt-test" }).first().waitFor();
            // The provider's prompt cache: the fake reads 14 of every 21 input tokens from it.
            const cacheHit = page
              .locator("#by-model tbody tr", { hasText: "gpt-test" })
              .locator('[data-column="cache-hit"]');
            expect(await cacheHit.first().textContent()).toBe("66.7 %");
            // Today's speed, per hour, names the models that served (uPlot's legend under each chart).
            await speedLegend(page, "Time to first token").filter({ hasText: "gpt-test" }).waitFor();
            await speedLegend(page, "Tokens per second").filter({ hasText: "gpt-test" }).waitFor();
          }
          if (entry.name === "sessions") {
            const row = page.locator("#sessions tbody tr", { hasText: "session-one" });
            await row.waitFor();
            expect(await row.locator("td").first().textContent()).toBe("3");
          }
          if (entry.name === "routes") await page.locator("#providers li", { hasText: "copilot" }).waitFor();
          if (entry.name === "keys") {
            const alice = page.locator("#keys tbody tr", { hasText: "alice" });
            await alice.waitFor();
            expect(await alice.locator('[data-column="budget"]').textContent()).toMatch(
              /^\$0\.00 of \$50\/monthresets \d{4}-\d{2}-01$/,
            );
          }
          await page.screenshot({ path: join(screenshots, `dashboard-${entry.name}-${colorScheme}.png`) });
        }
        expect(foreignRequests(requested, new URL(stack.url).origin)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it("shows requests sent through the gateway live: cards, table and recent list, without a reload", async () => {
    const { page, context } = await openPage(browser);
    try {
      await page.goto(`${stack.url}/dashboard#/overview`);
      const requestsCard = page.locator('dd[data-card="Requests"]');
      const bigRequests = page.locator("#by-model tbody tr", { hasText: "gpt-big" }).locator("td").first();
      await bigRequests.waitFor();
      const bigBefore = Number(await bigRequests.textContent());
      await expect.poll(async () => Number(await requestsCard.textContent())).toBeGreaterThanOrEqual(4);
      const before = Number(await requestsCard.textContent());
      await page.locator("#live-status", { hasText: "Live" }).waitFor();
      expect((await stack.chat("fast", { user: "live one" })).status).toBe(200);
      expect((await stack.chat("careful", { user: "live two" })).status).toBe(200);
      await expect
        .poll(async () => await page.locator("#recent tbody tr").count(), { timeout: 2_000 })
        .toBeGreaterThanOrEqual(6);
      await expect.poll(async () => Number(await requestsCard.textContent()), { timeout: 2_000 }).toBe(before + 2);
      await expect.poll(async () => Number(await bigRequests.textContent()), { timeout: 2_000 }).toBe(bigBefore + 1);
    } finally {
      await context.close();
    }
  });

  it("draws time to first token and tokens per second for the range chosen, per day for 7 and 30 days", async () => {
    const { page, context, requested } = await openPage(browser);
    try {
      await page.goto(`${stack.url}/dashboard#/overview`);
      await page.locator("#speed-charts figcaption", { hasText: "per hour" }).first().waitFor();
      await page.getByRole("link", { name: "30 days" }).click();
      await page
        .locator("#speed-charts figcaption", { hasText: "Time to first token per model, p50 (ms, per day)" })
        .waitFor();
      await speedLegend(page, "Time to first token").filter({ hasText: "gpt-test" }).waitFor();
      await speedLegend(page, "Time to first token").filter({ hasText: "gpt-big" }).waitFor();
      await speedLegend(page, "Tokens per second").filter({ hasText: "gpt-test" }).waitFor();
      // gpt-big answered whole, never streamed: no speed to draw, so no line named for it.
      expect(await speedLegend(page, "Tokens per second").textContent()).not.toContain("gpt-big");
      // Read from the range's rollups, not from the newest requests.
      const asked = requested.filter((url) => url.includes("/api/usage/speed")).map((url) => new URL(url).searchParams);
      expect(asked[0]?.get("bucket")).toBe("hour");
      expect(asked.at(-1)?.get("bucket")).toBe("day");
      const from = new Date(asked.at(-1)?.get("from") ?? "");
      expect(Math.round((Date.now() - from.getTime()) / 86_400_000)).toBeGreaterThanOrEqual(29);
    } finally {
      await context.close();
    }
  });

  it("opens a request's details, loaded when opened", async () => {
    const { page, context, requested } = await openPage(browser);
    try {
      await page.goto(`${stack.url}/dashboard#/requests`);
      const firstRow = page.locator("#request-list tbody tr.openable").first();
      await firstRow.waitFor();
      expect(requested.filter((url) => /\/api\/requests\/[^?]/.test(url))).toEqual([]);
      await firstRow.focus();
      await page.keyboard.press("Enter");
      const details = page.locator("#request-details");
      await details.getByText("Attempts").waitFor();
      await expect.poll(async () => await details.locator(".attempts li").count()).toBeGreaterThanOrEqual(1);
      expect(await details.textContent()).toContain("Model asked for");
      await details.getByText("Request body").click();
      expect(await details.locator("pre").first().textContent()).toContain('"messages"');
      expect(requested.filter((url) => /\/api\/requests\/[^?]/.test(url)).length).toBe(1);
      await page.screenshot({ path: join(screenshots, "dashboard-request-details-light.png") });
    } finally {
      await context.close();
    }
  });

  it("says in the page when a filter or range is unknown", async () => {
    const { page, context } = await openPage(browser);
    try {
      await page.goto(`${stack.url}/dashboard#/requests?colour=red`);
      await page.getByRole("alert").filter({ hasText: 'Unknown filter "colour"' }).waitFor();
      await page.goto(`${stack.url}/dashboard#/overview?range=fortnight`);
      await page.getByRole("alert").filter({ hasText: 'Unknown range "fortnight"' }).waitFor();
      await page.goto(`${stack.url}/dashboard#/keys?owner=bob`);
      await page
        .getByRole("alert")
        .filter({ hasText: 'Unknown filter "owner" on Keys. Known filters: none.' })
        .waitFor();
      await page.goto(`${stack.url}/dashboard#/wallet`);
      await page.getByRole("alert").filter({ hasText: 'There is no page "wallet". Showing the overview.' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it("shows the Duo provider's instance and token expiry on Routes & providers, and nothing secret", async () => {
    const { page, context } = await openPage(browser);
    try {
      await page.goto(`${stack.url}/dashboard#/routes`);
      const duo = page.locator("#providers li", { hasText: "duo" });
      await duo.waitFor();
      expect(await duo.textContent()).toBe(
        `duo (gitlab-duo): Instance ${stack.gitlab.instanceUrl}; token not fetched yet`,
      );
      expect((await stack.chat("duo-sonnet", { user: "through Duo" })).status).toBe(200);
      const issued = stack.gitlab.state.issuedTokens.at(-1);
      expect(issued).toBeDefined();
      await page.reload();
      await duo.filter({ hasText: "token expires" }).waitFor();
      const expiry = new Date(issued!.expiresAt);
      expect(await duo.textContent()).toContain(`token expires ${expiry.toLocaleDateString("en-CA")}`);
      const html = await page.content();
      expect(html).not.toContain(gitlabToken);
      expect(html).not.toContain(issued!.token);
    } finally {
      await context.close();
    }
  });

  it("runs the GitHub device flow against the fake GitHub, names the account, and warns when premium requests run low", async () => {
    const { page, context } = await openPage(browser);
    // 30 of 300 premium requests left: 10 %, below the 20 % warning line.
    stack.github.state.premiumRemaining = 30;
    try {
      await page.goto(`${stack.url}/dashboard#/routes`);
      await page.getByRole("button", { name: "Sign in to GitHub" }).click();
      await expect.poll(async () => await page.locator("#device-code").textContent()).toBe("ABCD-1234");
      const link = page.getByRole("link", { name: /login\/device/ });
      expect(await link.getAttribute("target")).toBe("_blank");
      expect(await link.getAttribute("href")).toBe(`${stack.github.githubUrl}/login/device`);
      await page.getByRole("button", { name: "Copy code" }).click();
      await page.getByRole("button", { name: "Copied" }).waitFor();
      expect(await page.evaluate("navigator.clipboard.readText()")).toBe("ABCD-1234");
      await page.locator("#github-signed-in", { hasText: "octocat" }).waitFor({ timeout: 10_000 });
      expect(await page.locator("#github-signed-in").textContent()).toContain("plan individual");
      await page.locator("#providers li", { hasText: "Signed in as octocat" }).waitFor();
      await page.goto(`${stack.url}/dashboard#/overview`);
      const quota = page.locator(".quota");
      await quota.waitFor();
      expect(await quota.getAttribute("class")).toContain("quota-low");
      expect(await quota.textContent()).toContain("270 spent, 30 of 300 left (10 %); resets 2026-12-01.");
      expect(await quota.textContent()).toContain("Fewer than 20 % left.");
      expect(await page.getByRole("meter").getAttribute("aria-valuenow")).toBe("10");
      await page.screenshot({ path: join(screenshots, "dashboard-overview-copilot-light.png") });
    } finally {
      await context.close();
    }
  });

  it("signs out of GitHub from Routes & providers: the saved token is gone, as `switchboard logout github` leaves it", async () => {
    const tokenFile = savedGithubTokenPath(stack.configDir);
    // Left by the device-flow test above.
    expect((await stat(tokenFile)).isFile()).toBe(true);
    const { page, context } = await openPage(browser);
    try {
      await page.goto(`${stack.url}/dashboard#/routes`);
      await page.locator("#providers li", { hasText: "Signed in as octocat" }).waitFor();
      await page.getByRole("button", { name: "Sign out of GitHub" }).click();
      await page.getByRole("status").filter({ hasText: "Signed out: the saved GitHub login is removed." }).waitFor();
      // The same function removes it for the CLI's logout: no file left, nothing else signs Copilot in.
      await expect(stat(tokenFile)).rejects.toThrow(/ENOENT/);
      expect(await page.getByRole("status").filter({ hasText: "Copilot still signs in" }).count()).toBe(0);
      await expect.poll(async () => await page.getByRole("button", { name: "Sign out of GitHub" }).count()).toBe(0);
      await page.getByRole("button", { name: "Sign in to GitHub" }).waitFor();
      await page.locator("#providers li", { hasText: "Not signed in to GitHub." }).waitFor();
      await page.reload();
      await page.locator("#providers li", { hasText: "Not signed in to GitHub." }).waitFor();
    } finally {
      await context.close();
    }
  });

  // Last in this stack: it leaves gpt-big cooling down for a minute.
  it("shows a route's chain with a deployment cooling down and its last error on Routes & providers", async () => {
    const { page, context } = await openPage(browser);
    try {
      await page.goto(`${stack.url}/dashboard#/routes`);
      const careful = page.locator("table", { has: page.locator("caption", { hasText: "careful" }) });
      const big = careful.locator("tbody tr", { hasText: "openai/gpt-big" });
      await big.waitFor();
      expect(await big.locator("td").first().textContent()).toBe("primary");
      expect(
        await careful.locator("tbody tr", { hasText: "openai/gpt-test" }).locator("td").first().textContent(),
      ).toBe("fallback 1");
      expect(await big.locator("td").nth(2).textContent()).toBe("available");
      // gpt-big answers 429 (retry-after: 60); the route falls back to fast and the caller gets its answer.
      expect((await stack.chat("careful", { user: rateLimitGptBig })).status).toBe(200);
      await page.reload();
      await expect.poll(async () => await big.locator("td").nth(2).textContent()).toMatch(/^cooling down until /);
      expect(await big.locator("td").nth(5).textContent()).toMatch(/^\d{2}:\d{2}:\d{2}: .*gpt-big is busy/);
    } finally {
      await context.close();
    }
  });
});

describe("the dashboard behind a key, in Chromium", () => {
  let browser: Browser;
  let stack: DashboardStack;
  beforeAll(async () => {
    browser = await launchChromium();
    stack = await startDashboardStack({ apiKey: dashboardKey, withStore: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it("asks for the key once, refuses a wrong one, and keeps the session across reloads", async () => {
    const { page, context } = await openPage(browser);
    try {
      await page.goto(`${stack.url}/dashboard`);
      await page.screenshot({ path: join(screenshots, "dashboard-sign-in-light.png") });
      const key = page.getByLabel("Switchboard API key (server.api_key)");
      await key.fill("wrong-key");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").filter({ hasText: "That is not the Switchboard API key or admin key." }).waitFor();
      await key.fill(dashboardKey);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
      // Nothing went through this gateway yet: the speed charts say so rather than draw empty axes.
      await page.locator("#speed-charts").getByText("No data yet (Today)").first().waitFor();
      const cookies = await context.cookies();
      expect(cookies).toEqual([
        expect.objectContaining({
          name: "switchboard_dashboard",
          httpOnly: true,
          sameSite: "Strict",
          path: "/dashboard",
        }),
      ]);
      expect(cookies[0]?.expires).toBeGreaterThan(Date.now() / 1000);
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
      expect(await page.getByLabel("Switchboard API key (server.api_key)").count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("creates a key shown once, serves a request with it, changes its limits, rotates it, and revokes it to a 401", async () => {
    const { page, context, errors } = await openPage(browser);
    try {
      await page.goto(`${stack.url}/dashboard#/keys`);
      await page.getByLabel("Switchboard API key").fill(dashboardKey);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { level: 1, name: "Keys" }).waitFor();
      const create = page.getByRole("form", { name: "Create a key" });
      await create.getByLabel("Name").fill("ci-job");
      await create.getByLabel("Models").fill("fast");
      await create.getByLabel("Requests per minute").fill("60");
      await create.getByLabel("Budget").fill("50 dollars");
      await create.getByRole("button", { name: "Create key" }).click();
      await create.getByRole("alert").filter({ hasText: 'budget "50 dollars" is not a budget' }).waitFor();
      expect(await create.getByRole("alert").textContent()).toContain("(field: budget)");
      const budget = create.getByLabel("Budget");
      expect(await budget.getAttribute("aria-invalid")).toBe("true");
      expect(await page.evaluate("document.activeElement.id")).toBe("create-key-budget");
      await budget.fill("50usd/month");
      await create.getByLabel("Premium requests").fill("300/month");
      await create.getByLabel("Tool servers (MCP)").fill("memory");
      await create.getByRole("button", { name: "Create key" }).click();

      const shown = page.locator("#new-key");
      await shown.waitFor();
      const secret = (await shown.textContent()) ?? "";
      expect(secret).toMatch(/^sk-sb-/);
      await page.getByRole("button", { name: "Copy key" }).click();
      await page.getByRole("button", { name: "Copied" }).waitFor();
      expect(await page.evaluate("navigator.clipboard.readText()")).toBe(secret);
      const row = page.locator("#keys tbody tr", { hasText: "ci-job" });
      await row.waitFor();
      expect(await row.locator('[data-column="state"]').textContent()).toBe("active");
      expect(await row.locator('[data-column="mcp"]').textContent()).toBe("memory");
      await page.screenshot({ path: join(screenshots, "dashboard-keys-created-light.png") });
      await page.getByRole("button", { name: "Done" }).click();
      await page.reload();
      await row.waitFor();
      // Shown once: after "Done" and a reload the page has only the key's hint.
      expect(await page.content()).not.toContain(secret);

      // The key serves a real request through the gateway to the fake upstream, and is recorded.
      const served = await stack.chat("fast", { user: "from the ci job", key: secret });
      expect(served.status).toBe(200);
      expect(JSON.stringify(await served.json())).toContain("Hello from the fake upstream.");
      expect((await stack.chat("careful", { key: secret })).status).toBe(403);
      await stack.server.usageStore?.flush();
      await page.reload();
      await expect.poll(async () => await row.locator('[data-column="last-used"]').textContent()).not.toBe("never");

      await page.getByRole("button", { name: "Change limits of ci-job" }).click();
      const edit = page.getByRole("form", { name: "Change ci-job" });
      await edit.getByLabel("Requests per minute").fill("");
      await edit.getByLabel("Requests in parallel").fill("2");
      await edit.getByLabel("Tool servers (MCP)").fill("memory/read_graph");
      await edit.getByRole("button", { name: "Save changes" }).click();
      await expect.poll(async () => await row.locator('[data-column="limits"]').textContent()).toBe("2 in parallel");
      expect(await row.locator('[data-column="mcp"]').textContent()).toBe("memory/read_graph");

      page.once("dialog", (dialog) => void dialog.accept());
      await page.getByRole("button", { name: "Rotate ci-job" }).click();
      await expect.poll(async () => await shown.textContent()).not.toBe(secret);
      const rotated = (await shown.textContent()) ?? "";
      expect(rotated).toMatch(/^sk-sb-/);
      expect((await stack.chat("fast", { key: secret })).status).toBe(401);
      expect((await stack.chat("fast", { key: rotated })).status).toBe(200);
      await page.getByRole("button", { name: "Done" }).click();

      page.once("dialog", (dialog) => void dialog.dismiss());
      await page.getByRole("button", { name: "Revoke ci-job" }).click();
      expect(await row.locator('[data-column="state"]').textContent()).toBe("active");
      page.once("dialog", (dialog) => void dialog.accept());
      await page.getByRole("button", { name: "Revoke ci-job" }).click();
      await expect.poll(async () => await row.locator('[data-column="state"]').textContent()).toMatch(/^revoked /);
      const refused = await stack.chat("fast", { key: rotated });
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/ci-job.*was revoked/);
      expect(errors.filter((error) => !error.includes("status of 4"))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("reconnects by itself after the gateway restarts, and shows what came after", async () => {
    const { page, context } = await openPage(browser);
    try {
      await page.goto(`${stack.url}/dashboard`);
      await page.getByLabel("Switchboard API key (server.api_key)").fill(dashboardKey);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.locator("#live-status", { hasText: "Live" }).waitFor();
      const requestsCard = page.locator('dd[data-card="Requests"]');
      await requestsCard.waitFor();
      const before = Number(await requestsCard.textContent());
      // Set in this document: still there afterwards means the page was never reloaded.
      await page.evaluate("window.openedBeforeRestart = true");
      const restarted = stack.restart(1_500);
      await page.locator("#live-status", { hasText: "Reconnecting" }).waitFor();
      await restarted;
      await page.locator("#live-status", { hasText: "Live" }).waitFor({ timeout: 10_000 });
      expect((await stack.chat("fast", { user: "after the restart" })).status).toBe(200);
      // The live feed of the new process, not a reload: the card counts the request sent after it.
      await expect.poll(async () => Number(await requestsCard.textContent()), { timeout: 5_000 }).toBe(before + 1);
      await page.locator("#recent tbody tr.openable").first().waitFor({ timeout: 5_000 });
      expect(await page.evaluate("window.openedBeforeRestart")).toBe(true);
      expect(await page.getByLabel("Switchboard API key (server.api_key)").count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
