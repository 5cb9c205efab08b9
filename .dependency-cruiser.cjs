// The layering of src/, checked by `npm run depcheck` (dependency-cruiser). Lower folders
// never import higher ones; docs/architecture.md draws the same picture.
//
//   lib9                      Plan 9 vocabulary: imports nothing in src
//   transport, 9p/codec       lib9
//   9p/auth                   nothing in src (the authentication scheme and its secret file)
//   9p/server                 9p/codec, 9p/auth, dev (the Dev interface), transport, lib9
//   9p/client                 9p/codec, 9p/auth, transport, lib9
//   dev                       lib9
//   kernel                    lib9
//   plan9                     kernel, dev, lib9
//   devseg, devproc           dev, plan9, kernel, lib9 (never each other)
//   serve                     everything above, never client or cli
//   client                    serve, 9p/client, 9p/codec, 9p/auth, plan9, kernel, dev, transport, lib9
//   web                       the live view: serve, devseg, devproc, dev, plan9, kernel, transport, lib9
//   cli                       client, serve, web, 9p/client, 9p/codec, 9p/auth, transport, lib9, version.ts
//   index.ts, public/         the package's entry points (segfs, segfs/9p, segfs/dev, segfs/kernel): anything
//   bin/segfs.ts              cli
//
// Type-only imports count: a cycle of types is still a cycle for a reader.

/** A rule that lets files under src/FROM import, inside src, only the folders in `may`. */
function only(from, may) {
  const allowed = [from, ...may].map((f) => (f.endsWith('.ts') ? `src/${f.replace('.', '\\.')}$` : `src/${f}/`));
  return {
    name: `${from.replace('/', '-')}-imports`,
    comment: `src/${from} may import only ${may.length ? may.join(', ') : 'nothing else in src'}`,
    severity: 'error',
    from: { path: `^src/${from}/` },
    to: { path: '^src/', pathNot: allowed.map((a) => `^${a}`) },
  };
}

const layers = {
  lib9: [],
  transport: ['lib9'],
  '9p/codec': ['lib9'],
  '9p/auth': [],
  '9p/server': ['9p/codec', '9p/auth', 'dev', 'transport', 'lib9'],
  '9p/client': ['9p/codec', '9p/auth', 'transport', 'lib9'],
  dev: ['lib9'],
  kernel: ['lib9'],
  plan9: ['kernel', 'dev', 'lib9'],
  devseg: ['dev', 'plan9', 'kernel', 'lib9'],
  devproc: ['dev', 'plan9', 'kernel', 'lib9'],
  serve: ['9p/server', '9p/codec', 'devseg', 'devproc', 'dev', 'plan9', 'kernel', 'transport', 'lib9'],
  client: ['serve', '9p/client', '9p/codec', '9p/auth', 'plan9', 'kernel', 'dev', 'transport', 'lib9'],
  web: ['serve', 'devseg', 'devproc', 'dev', 'plan9', 'kernel', 'transport', 'lib9'],
  cli: ['client', 'serve', 'web', '9p/client', '9p/codec', '9p/auth', 'transport', 'lib9', 'version.ts'],
};

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'no import cycle anywhere in src, type-only imports included',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'src-stays-in-src',
      comment: 'the library never imports tests, examples, benchmarks or the bin script',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|examples|bench|bin)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every import resolves to a file or an installed package',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    ...Object.entries(layers).map(([from, may]) => only(from, may)),
    {
      name: 'bin-imports',
      comment: 'the bin script only starts the command line',
      severity: 'error',
      from: { path: '^bin/' },
      to: { path: '^src/', pathNot: '^src/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
