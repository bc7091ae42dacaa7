import { lazy, Suspense } from 'react'
import type { CodeEditorProps } from './CodeMirrorEditor'

export type { CodeLanguage } from './codeLanguages'

// CodeMirror is a third of the window's JavaScript and the first screen shows no editor: it loads
// with the first editor shown (an empty box of the editor's size stands in for that moment).
const CodeMirrorEditor = lazy(() => import('./CodeMirrorEditor'))

/** CodeMirror 6 with highlighting, folding, search and (for JSON) inline validation errors. */
export function CodeEditor(props: CodeEditorProps) {
  return (
    <Suspense fallback={<div className="code-editor" />}>
      <CodeMirrorEditor {...props} />
    </Suspense>
  )
}
