import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { DEFAULT_ASSETS_DIR } from './config';

/**
 * Part of `npm run build`: bundles the playground (GraphiQL, React and the examples panel) with
 * esbuild into `gateway/dist/playground/static/playground.{js,css}`, the files the gateway
 * serves. Nothing is fetched from a CDN at run time.
 */
async function main(): Promise<void> {
  const entry = path.resolve(__dirname, '..', '..', 'src', 'playground', 'client', 'main.tsx');
  mkdirSync(DEFAULT_ASSETS_DIR, { recursive: true });
  const result = await build({
    entryPoints: { playground: entry },
    outdir: DEFAULT_ASSETS_DIR,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    // GraphiQL's CSS inlines its fonts and images as data: URLs; anything else it names is left as is.
    loader: { '.woff2': 'dataurl', '.woff': 'dataurl', '.svg': 'dataurl' },
    legalComments: 'linked',
    logLevel: 'warning',
    metafile: true,
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  process.stdout.write(`playground bundled into ${path.relative(process.cwd(), DEFAULT_ASSETS_DIR)} (${Math.round(bytes / 1024)} KiB)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`playground bundle failed: ${(error as Error).message}\n`);
  process.exit(1);
});
