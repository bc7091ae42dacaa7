// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * The import directions of ARCHITECTURE.md, as lint rules: a change that makes core import
 * electron (or the renderer import core) fails `npm test`.
 */
const layer = (folder) => new RegExp(`(^|/)(src/)?${folder}(/|$)`).source
const nodeBuiltins = '^(node:|(fs|path|os|child_process|net|tls|http|https|http2|crypto|stream|zlib|url|util|worker_threads)(/|$))'
const forbid = (message, ...regexes) => ({ regex: regexes.join('|'), message })

const rules = {
  shared: [
    forbid(
      'src/shared is the contract: it imports nothing of ours but itself, and nothing of Node, Electron or React.',
      layer('core'),
      layer('main'),
      layer('preload'),
      layer('host'),
      layer('renderer'),
      layer('playground'),
      '^electron$',
      '^react',
      nodeBuiltins
    )
  ],
  core: [
    forbid(
      'src/core is plain Node: it never imports electron, react, or main/preload/host/renderer/playground. Emit an event from the contract instead.',
      '^electron(/|$)',
      '^react',
      '^zustand',
      layer('main'),
      layer('preload'),
      layer('host'),
      layer('renderer'),
      layer('playground')
    )
  ],
  renderer: [
    forbid(
      'The renderer imports only src/shared and its own files; it reaches the world through window.parley.',
      layer('core'),
      layer('main'),
      layer('preload'),
      layer('host'),
      layer('playground'),
      '^electron(/|$)',
      nodeBuiltins
    )
  ],
  preload: [
    forbid('The preload exposes the contract and nothing else: it imports only src/shared and electron.', layer('core'), layer('main'), layer('host'), layer('renderer'), layer('playground'))
  ],
  main: [forbid('The Electron shell wires core to IPC; it never imports the renderer, the host or the playground.', layer('renderer'), layer('host'), layer('preload'), layer('playground'))],
  host: [forbid('The browser host is plain Node: no electron, no renderer code, no playground.', '^electron(/|$)', layer('renderer'), layer('main'), layer('preload'), layer('playground'))],
  playground: [
    forbid('The playground is a separate program: it imports none of Parley\'s layers.', layer('core'), layer('main'), layer('preload'), layer('host'), layer('renderer'), '^electron(/|$)')
  ]
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.shot.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        Buffer: 'readonly'
      }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error'
    }
  },
  ...Object.entries(rules).map(([folder, patterns]) => ({
    files: [`src/${folder}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns }] }
  }))
)
