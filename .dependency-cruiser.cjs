// Layer rules (STYLE.md), checked in `npm test` rather than remembered:
// shared/ is pure (no Node, no Electron, no host code), services and the database never import
// Electron, and the renderer talks to the host only through the contract in shared/.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared/ runs the same in main, renderer and tests: no Node built-ins, no Electron.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-no-electron',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(node_modules/electron/|electron/|renderer/)' },
    },
    {
      name: 'services-and-db-without-electron',
      comment: 'Services and the database are plain Node modules: tests run them without Electron.',
      severity: 'error',
      from: { path: '^electron/(services|db|smtp)/' },
      to: { path: '^(node_modules/electron/|electron/(main|preload|app|browser-host)/)' },
    },
    {
      name: 'renderer-only-through-the-contract',
      comment: 'The renderer imports shared/, never the main process or Node.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^electron/' },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
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
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    exclude: { path: '^(dist|dist-electron)/' },
  },
};
