// Lint rules, including the layering rules that keep the architecture honest (see ARCHITECTURE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** The domains of the core (electron/core/<domain>/) and the boards of the renderer (renderer/src/boards/<board>/). */
const DOMAINS = ['merchants', 'opinion', 'suppliers', 'okr', 'overview'];
const BOARDS = ['overview', 'okr', 'merchants', 'opinion', 'suppliers', 'war-room', 'sync'];

const CORE_RESTRICTED_PATHS = [
  { name: 'electron', message: 'The core must not depend on Electron (it also runs under plain Node).' },
  { name: 'react', message: 'The core has no UI.' },
  { name: 'react-dom', message: 'The core has no UI.' },
];
const CORE_RESTRICTED_PATTERNS = [
  { group: ['**/renderer/**', '**/main/**', '**/preload/**', '**/host/**', '**/cli/**'], message: 'Dependencies point one way: hosts -> core -> db.' },
  { group: ['**/platform/index', '**/platform/server*'], message: 'The core talks to any platform over HTTP; only the contract file may be imported.' },
];
const RENDERER_RESTRICTED_PATTERNS = [
  { group: ['node:*'], message: 'The renderer runs in a sandboxed page: no Node modules.' },
  { group: ['**/electron/*', '!**/electron/core', '**/electron/core/*', '!**/electron/core/api', '!**/electron/core/api/*'], message: 'Only electron/core/api (the contract) may be imported.' },
  { group: ['ag-grid-enterprise'], message: 'ag-grid-enterprise is a paid licence.' },
];

/** A domain may use the sync layer's public entry and db, never another domain or sync internals. */
function domainZone(domain) {
  const others = DOMAINS.filter((d) => d !== domain).flatMap((d) => [`../${d}`, `../${d}/*`, `**/core/${d}`, `**/core/${d}/*`]);
  return {
    files: [`electron/core/${domain}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: CORE_RESTRICTED_PATHS,
        patterns: [
          ...CORE_RESTRICTED_PATTERNS,
          { group: others, message: 'A domain does not know other domains: share through the core or the sync layer.' },
          { group: ['**/sync/*'], message: 'Import the sync layer through its public entry (../sync).' },
        ],
      }],
    },
  };
}

/** A board does not import another board: shared parts live in renderer/src/components. */
function boardZone(board) {
  const others = BOARDS.filter((b) => b !== board).flatMap((b) => [`../${b}`, `../${b}/*`, `**/boards/${b}`, `**/boards/${b}/*`]);
  return {
    files: [`renderer/src/boards/${board}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer reaches the core only through the typed API client.' }],
        patterns: [...RENDERER_RESTRICTED_PATTERNS, { group: others, message: 'Boards do not import each other: move shared parts to renderer/src/components.' }],
      }],
    },
  };
}

const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement', 'EventSource'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'scratch/**', 'test-results/**', 'playwright-report/**', 'db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'ag-grid-enterprise', message: 'ag-grid-enterprise is a paid licence: use ag-grid-community.' }] }],
    },
  },
  {
    files: ['electron/**/*.ts', 'db/**/*.ts', 'platform/**/*.ts', 'scripts/**/*.{ts,mjs}', '*.config.{ts,js}', 'e2e/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // The core and the database know nothing of Electron, React or the DOM: they run in a worker
    // thread under Electron and under plain Node alike.
    files: ['electron/core/**/*.ts', 'db/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
      'no-restricted-imports': [
        'error',
        { paths: CORE_RESTRICTED_PATHS, patterns: CORE_RESTRICTED_PATTERNS },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches the core only through the typed API client.' }],
          patterns: RENDERER_RESTRICTED_PATTERNS,
        },
      ],
    },
  },
  ...DOMAINS.map(domainZone),
  ...BOARDS.map(boardZone),
);
