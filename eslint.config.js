// @ts-check
import { dirname, relative, resolve, sep } from 'node:path'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * The import directions of docs/architecture.md, as a lint rule: a change that makes core import
 * electron (or the renderer import core) fails `npm test`. Relative imports are resolved to the
 * folder they land in, so a renderer feature called "playground" is not taken for src/playground.
 */
const srcDir = resolve('src')
const nodeBuiltin = /^(node:|(fs|path|os|child_process|net|tls|http|https|http2|crypto|stream|zlib|url|util|worker_threads|dns|events)(\/|$))/

/** For each layer: the other layers it may import, the packages it may not, and why. */
const layers = {
  shared: {
    may: ['shared'],
    packages: [/^electron(\/|$)/, /^react/, /^zustand/, nodeBuiltin],
    why: 'src/shared is the contract: it imports nothing of ours but itself, and nothing of Node, Electron or React.'
  },
  core: {
    may: ['core', 'shared'],
    packages: [/^electron(\/|$)/, /^react/, /^zustand/],
    why: 'src/core is plain Node: it never imports electron, react, or main/preload/host/renderer/playground. Emit an event from the contract instead.'
  },
  renderer: {
    may: ['renderer', 'shared'],
    packages: [/^electron(\/|$)/, nodeBuiltin],
    why: 'The renderer imports only src/shared and its own files; it reaches the world through window.parley.'
  },
  preload: { may: ['preload', 'shared'], packages: [], why: 'The preload exposes the contract and nothing else: it imports only src/shared and electron.' },
  main: {
    may: ['main', 'core', 'shared'],
    packages: [],
    why: 'The Electron shell wires core to IPC; it never imports the renderer, the host or the playground.'
  },
  host: {
    may: ['host', 'core', 'shared'],
    packages: [/^electron(\/|$)/],
    why: 'The browser host is plain Node: no electron, no renderer code, no playground.'
  },
  cli: {
    may: ['cli', 'core', 'shared'],
    packages: [/^electron(\/|$)/, /^react/, /^zustand/],
    why: 'parley (src/cli) is plain Node over core: no electron, no renderer, host or main code.'
  },
  playground: { may: ['playground'], packages: [/^electron(\/|$)/], why: "The playground is a separate program: it imports none of Parley's layers." }
}

/** The layer a file belongs to: the first folder under src/. */
function layerOf(file) {
  const rel = relative(srcDir, file)
  if (rel.startsWith('..')) return undefined
  return rel.split(sep)[0]
}

const layerRule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const from = layerOf(resolve(context.filename))
    const rules = from && layers[from]
    if (!rules) return {}
    const check = (node) => {
      const source = node.source?.value
      if (typeof source !== 'string') return
      if (source.startsWith('.')) {
        const to = layerOf(resolve(dirname(resolve(context.filename)), source))
        if (to !== undefined && !rules.may.includes(to)) context.report({ node: node.source, message: rules.why })
      } else if (rules.packages.some((pattern) => pattern.test(source))) {
        context.report({ node: node.source, message: rules.why })
      }
    }
    return { ImportDeclaration: check, ExportAllDeclaration: check, ExportNamedDeclaration: check, ImportExpression: check }
  }
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
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
    plugins: { parley: { rules: { layers: layerRule } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'parley/layers': 'error'
    }
  }
)
