import type { Extension } from '@codemirror/state'
import type { GraphQLSchema } from 'graphql'

export type CodeLanguage = 'json' | 'xml' | 'html' | 'javascript' | 'css' | 'graphql' | 'text'

/**
 * The CodeMirror language for a body, loaded when a body of that kind is first shown: the five
 * grammars weighed a fifth of the window's first-load JavaScript, and most sessions need one or two.
 */
export async function loadLanguage(language: CodeLanguage | 'plain'): Promise<Extension> {
  switch (language) {
    case 'json':
      return (await import('@codemirror/lang-json')).json()
    case 'xml':
      return (await import('@codemirror/lang-xml')).xml()
    case 'html':
      return (await import('@codemirror/lang-html')).html()
    // cm6-graphql's grammar; its schema-aware parts load with the schema (loadGraphqlTooling).
    case 'graphql':
      return (await import('cm6-graphql')).graphqlLanguageSupport()
    case 'javascript':
      return (await import('@codemirror/lang-javascript')).javascript()
    case 'css':
      return (await import('@codemirror/lang-css')).css()
    default:
      return []
  }
}

/** JSON's inline validation for editors, loaded with the JSON grammar. */
export async function loadJsonLinter(): Promise<Extension> {
  const [{ jsonParseLinter }, { linter, lintGutter }] = await Promise.all([import('@codemirror/lang-json'), import('@codemirror/lint')])
  return [linter(jsonParseLinter(), { delay: 300 }), lintGutter()]
}

/**
 * Schema-aware GraphQL editing (cm6-graphql): completion, validation errors as you type, hover
 * docs, and Ctrl/Cmd+click to show a type (onShowInDocs). Loaded with the first schema, with the
 * graphql library it needs.
 */
export async function loadGraphqlTooling(
  schema: GraphQLSchema,
  onShowInDocs: (field?: string, type?: string, parentType?: string) => void
): Promise<Extension> {
  const [{ completion, jump, lint, stateExtensions }, { autocompletion }, { lintGutter }, { graphqlHover }] = await Promise.all([
    import('cm6-graphql'),
    import('@codemirror/autocomplete'),
    import('@codemirror/lint'),
    import('../features/graphql/hover')
  ])
  return [stateExtensions(schema, { onShowInDocs }), completion, autocompletion({ activateOnTyping: true }), lint, lintGutter(), jump, graphqlHover]
}
