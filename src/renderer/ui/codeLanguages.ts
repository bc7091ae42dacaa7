import type { Extension } from '@codemirror/state'

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
    // No maintained GraphQL mode for CodeMirror 6 without the graphql runtime; JS tokens read well enough.
    case 'graphql':
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
