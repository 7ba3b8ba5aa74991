import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const chromiumPath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/** Debian's Chromium, driven by playwright-core (Playwright's own browser download cannot work here). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is not installed at ${chromiumPath}: run \`apt-get install -y chromium\` (as root).`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for, to check that none went to another origin. */
  requested: string[];
  /** Errors the page threw or logged. */
  errors: string[];
}

export async function openPage(
  browser: Browser,
  options: { colorScheme?: "light" | "dark" } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? "light",
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = await context.newPage();
  const requested: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => requested.push(request.url()));
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return { context, page, requested, errors };
}

/** The requests that left the gateway's origin (data: URLs stay in the page). */
export function foreignRequests(requested: string[], origin: string): string[] {
  return requested.filter((url) => !url.startsWith("data:") && new URL(url).origin !== origin);
}
