// Bundles the compiled CLI and the scan worker (dist/paved.js, dist/worker.js, shared chunks in dist/chunks).
// Why: Node's ESM loader resolves and links every module separately; one file starts ~100 ms faster,
// which a pre-commit hook pays on every commit. `tsc` still type-checks and emits dist/ first.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const shared = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // Prefer packages' ES module builds: some UMD builds (jsonc-parser) require() files esbuild cannot follow.
  mainFields: ['module', 'main'],
  // CommonJS dependencies (commander, ignore...) call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __pavedRequire } from 'node:module'; const require = __pavedRequire(import.meta.url);",
  },
};

// Chunk names carry content hashes: old ones would pile up (and ship) if not removed first.
rmSync('dist/chunks', { recursive: true, force: true });

// One build with code splitting: each scanner's code (and its dependencies) is a chunk loaded by the
// dynamic import in runScan only when that scanner runs, so the start-up of a secrets scan does not
// pay for the lockfile parsers and the reverse. The worker shares the secrets engine's chunk.
await build({
  ...shared,
  entryPoints: { paved: 'dist/cli/main.js', worker: 'dist/secrets/worker.js' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // piscina loads its worker by path; better-sqlite3 is a native addon: both stay in node_modules.
  external: ['piscina', 'better-sqlite3'],
});
