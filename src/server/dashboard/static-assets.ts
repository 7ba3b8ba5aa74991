import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Where the built front-end is: `dist/dashboard` beside the compiled server (the package), or
 * the same folder seen from `src/` when the server runs from source (tests, tsx).
 */
export function findDashboardAssets(): string | undefined {
  const candidates = [resolve(here, "../../dashboard"), resolve(here, "../../../dist/dashboard")];
  return candidates.find((folder) => existsSync(join(folder, "index.html")));
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

export interface StaticAsset {
  body: Buffer;
  contentType: string;
}

/** The few built files, read once. Names are fixed by the build: no path from the URL reaches the disk. */
export function loadDashboardAssets(folder: string): Map<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  for (const name of ["index.html", "app.js", "app.css"]) {
    const path = join(folder, name);
    if (!existsSync(path)) continue;
    const extension = name.slice(name.lastIndexOf("."));
    assets.set(name, { body: readFileSync(path), contentType: contentTypes[extension] ?? "application/octet-stream" });
  }
  return assets;
}

/** Everything the page loads comes from this origin; the browser refuses anything else. */
export const dashboardContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // uPlot sizes its canvas with style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");
