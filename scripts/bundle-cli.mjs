// The segfs command as npm installs it (package.json "bin"): bin/segfs.ts and the client
// commands, bundled by esbuild into one CommonJS file, dist/bundle/segfs.cjs. A client command
// then reads one file instead of ~40 ES modules: Node 20's ESM loader costs about a millisecond
// per module to resolve, read and link, which made `segfs ls` start in 1.7× a bare `node -e 0`.
// CommonJS because esbuild keeps a lazily imported module (the kernel for `attach`, the auth
// code, the error hints) and the Node built-ins it requires behind a function that runs on
// first use; ESM output would hoist every built-in import to the top of the file.
// `segfs serve` stays outside the bundle: the entry imports dist/src/cli/serve.js, the compiled
// server the library itself uses (it finds its web page by its own path).
// Runs after tsc, as part of `npm run build`; the tests that run the bundle rebuild it first.
//   node scripts/bundle-cli.mjs

import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;

/** `./serve.js` imported by src/cli/main.ts resolves to tsc's output, outside the bundle. */
const serverOutside = {
  name: 'server-outside',
  setup(b) {
    b.onResolve({ filter: /^\.\/serve\.js$/ }, (args) =>
      args.importer.endsWith('/src/cli/main.ts') ? { path: '../src/cli/serve.js', external: true } : undefined);
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { segfs: 'bin/segfs.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [serverOutside],
});
if (result.warnings.length > 0) process.exitCode = 1;
