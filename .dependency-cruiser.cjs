/**
 * The layer rule of docs/architecture.md, checked by `npm run check`. A folder may import from
 * its own layer's other folders only where listed, and from any lower layer; never upwards; no
 * cycles; across folders only through the folder's index.ts (dynamic `import()` excepted: lazy
 * loading names the one module it needs, so that loading it pulls in nothing else).
 */

/** Bottom to top. Each entry is one layer: the folders (under src/ unless said) in it. */
const LAYERS = [
  ['errors.ts', 'random', 'io', 'settings'],
  ['data'],
  ['indicators'],
  ['features', 'backtest'],
  ['nn', 'strategy-contract'],
  ['model'],
  ['explain'],
  ['walkforward'],
  ['../strategies'],
  ['report'],
  ['run'],
  // The queue is the sweep's BullMQ engine; the sweep loads it only with import() when a queue is named.
  ['sweep', 'queue'],
  // The composition roots: the command, the built-ins bound to the core, the package's entries.
  ['cli', 'builtins', 'index.ts', 'dataframe.ts'],
];

const escapeDots = (text) => text.replace(/[.]/g, '\\.');
const pathOf = (folder) =>
  folder.startsWith('../')
    ? `^${escapeDots(folder.slice(3))}/`
    : folder.endsWith('.ts')
      ? `^src/${escapeDots(folder)}$`
      : `^src/${escapeDots(folder)}/`;

const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${i}-${layer[0].replace(/^\.\.\//, '').replace(/\.ts$/, '')}`,
  comment: `${layer.join(', ')} may not import from a higher layer: ${LAYERS.slice(i + 1)
    .flat()
    .join(', ')}.`,
  severity: 'error',
  from: { path: layer.map(pathOf) },
  to: {
    path: LAYERS.slice(i + 1)
      .flat()
      .map(pathOf),
  },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment:
        'Modules (and, through index.ts, folders) may not load each other in a cycle; type-only imports are erased, so a type declared beside the code that uses it is no cycle.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'through-index',
      comment:
        "Another folder's modules are reached through its index.ts (its API); dynamic import() may name a module directly.",
      severity: 'error',
      from: { path: '^(src/[^/]+)/' },
      to: {
        path: '^(src/[^/]+/|strategies/)',
        pathNot: ['^$1/', '^src/[^/]+/index\\.ts$', '^strategies/index\\.ts$'],
        dependencyTypesNot: ['dynamic-import'],
      },
    },
    {
      name: 'through-index-from-outside-src',
      comment:
        'Built-in strategies, benchmarks and examples reach src/ folders through their index.ts.',
      severity: 'error',
      from: { path: '^(strategies|bench|examples)/' },
      to: {
        path: '^src/[^/]+/',
        pathNot: ['^src/[^/]+/index\\.ts$'],
        dependencyTypesNot: ['dynamic-import'],
      },
    },
    {
      name: 'core-without-builtins',
      comment:
        'The library core knows no strategy names: only the composition roots import the built-in strategies, the CLI and src/builtins/ (the registry the CLI and the package entry pass, and the worker-thread entries that know it).',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/cli/', '^src/builtins/'] },
      to: { path: '^strategies/' },
    },
    {
      name: 'builtins-through-index',
      comment: 'The built-in strategies are reached through strategies/index.ts.',
      severity: 'error',
      from: { pathNot: '^strategies/' },
      to: { path: '^strategies/', pathNot: '^strategies/index\\.ts$' },
    },
    {
      name: 'top-level-through-index',
      comment:
        'src/index.ts and src/errors.ts reach folders through index.ts; src/dataframe.ts is the one entry to the DataFrame edges (danfojs stays out of the folder APIs).',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$', pathNot: '^src/dataframe\\.ts$' },
      to: { path: '^src/[^/]+/', pathNot: '^src/[^/]+/index\\.ts$' },
    },
  ],
  options: {
    includeOnly: '^(src|strategies|bench|examples)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
