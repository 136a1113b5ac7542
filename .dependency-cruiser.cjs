/** Import rules (STYLE.md rule 10), checked in CI by `npm run lint:imports`. */
module.exports = {
  forbidden: [
    {
      name: 'deciders-are-pure',
      comment: 'A decider imports nothing from Nest, stores, HTTP or other infrastructure: only shared types and its own events/commands types, or another (equally checked) decider, e.g. a part of a larger one.',
      severity: 'error',
      from: { path: '\\.decider\\.ts$' },
      to: { pathNot: ['^src/shared/', '\\.events\\.ts$', '\\.commands\\.ts$', '^src/[^/]+/[^/]+\\.(rules|policy|values)\\.ts$', '^src/[^/]+/[^/]+\\.decider\\.ts$', 'grade-levels\\.ts$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'deciders-import-no-packages',
      severity: 'error',
      from: { path: '\\.decider\\.ts$' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'core'] },
    },
    {
      name: 'projections-read-only-events-from-domain',
      comment: 'Projections import event types from src, never deciders, handlers or commands.',
      severity: 'error',
      from: { path: '^projections/' },
      to: { path: '^src/(?!shared/|event-store/|read-store/|http/|auth/|config/)[^/]+/', pathNot: ['\\.events\\.ts$', 'grade-levels\\.ts$'] },
    },
    {
      name: 'read-models-independent',
      comment: 'One read model per question: a read model does not import another read model.',
      severity: 'error',
      from: { path: '^projections/([^/]+)/' },
      to: { path: '^projections/([^/]+)/', pathNot: ['^projections/$1/', '^projections/subscription/'] },
    },
    {
      name: 'src-does-not-import-projections',
      comment: 'Only the composition root (app.module.ts) and the CLI wire src/ to projections/.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/app\\.module\\.ts$', '^src/cli\\.ts$'] },
      to: { path: '^projections/' },
    },
    {
      name: 'shared-imports-nothing-local',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^(src|projections)/', pathNot: '^src/shared/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
