// Bundles the dashboard (Preact + uPlot) into three static files: index.html, app.js, app.css.
// Run by `npm run build`; tests call buildDashboard() themselves. Nothing is loaded from a CDN.
import { copyFile, mkdir } from "node:fs/promises";
import console from "node:console";
import process from "node:process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));

/** Builds into `outDir` (default: dist/dashboard at the package root). */
export async function buildDashboard(outDir = resolve(here, "../dist/dashboard")) {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: { app: join(here, "src/main.tsx") },
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    sourcemap: false,
    jsx: "automatic",
    jsxImportSource: "preact",
    outdir: outDir,
    logLevel: "warning",
    legalComments: "none",
  });
  await copyFile(join(here, "index.html"), join(outDir, "index.html"));
  return outDir;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = await buildDashboard(process.argv[2]);
  console.log(`dashboard built into ${outDir}`);
}
