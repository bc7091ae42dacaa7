import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands'
import { bracketMatching, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting } from '@codemirror/language'
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search'
import { Compartment, EditorState, type Extension } from '@codemirror/state'
import { EditorView, highlightActiveLine, keymap, lineNumbers, placeholder as placeholderText } from '@codemirror/view'
import { useEffect, useRef } from 'react'
import { codeHighlightStyle } from './codeHighlight'
import { loadJsonLinter, loadLanguage, type CodeLanguage } from './codeLanguages'

async function languageFor(language: CodeLanguage): Promise<Extension> {
  const grammar = await loadLanguage(language)
  return language === 'json' ? [grammar, await loadJsonLinter()] : grammar
}

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '12.5px', backgroundColor: 'var(--bg-raised)', color: 'var(--text)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-gutters': { backgroundColor: 'var(--bg-sunken)', color: 'var(--text-muted)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent) 6%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'transparent' },
  '&.cm-focused': { outline: 'none' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'color-mix(in srgb, var(--accent) 25%, transparent) !important' },
  '.cm-panels': { backgroundColor: 'var(--bg-sunken)', color: 'var(--text)' }
})

export interface CodeEditorProps {
  value: string
  onChange?: (value: string) => void
  language: CodeLanguage
  label: string
  readOnly?: boolean
  placeholder?: string
  /** More extensions (e.g. schema-aware completion); replaced when this value changes. */
  extensions?: Extension
}

/** CodeMirror 6 with highlighting, folding, search and (for JSON) inline validation errors (loaded through CodeEditor.tsx). */
export default function CodeMirrorEditor({ value, onChange, language, label, readOnly = false, placeholder, extensions }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView>(undefined)
  const languageSlot = useRef(new Compartment())
  const extraSlot = useRef(new Compartment())
  const onChangeRef = useRef(onChange)
  onChangeRef.current = onChange

  useEffect(() => {
    const state = EditorState.create({
      doc: value,
      extensions: [
        lineNumbers(),
        foldGutter(),
        history(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        search({ top: true }),
        syntaxHighlighting(codeHighlightStyle),
        keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...foldKeymap, indentWithTab]),
        EditorState.readOnly.of(readOnly),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        placeholder ? placeholderText(placeholder) : [],
        theme,
        languageSlot.current.of([]),
        extraSlot.current.of(extensions ?? []),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChangeRef.current?.(update.state.doc.toString())
        })
      ]
    })
    view.current = new EditorView({ state, parent: host.current! })
    return () => view.current?.destroy()
    // The editor is created once; value and language changes are applied below.
  }, [readOnly, label])

  useEffect(() => {
    const current = view.current
    if (current && current.state.doc.toString() !== value) {
      current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } })
    }
  }, [value])

  useEffect(() => {
    // Grammars load on first use; a language changed meanwhile wins over the one still loading.
    let current = true
    void languageFor(language).then((extension) => {
      if (current) view.current?.dispatch({ effects: languageSlot.current.reconfigure(extension) })
    })
    return () => {
      current = false
    }
  }, [language, readOnly, label])

  useEffect(() => {
    view.current?.dispatch({ effects: extraSlot.current.reconfigure(extensions ?? []) })
  }, [extensions])

  return <div ref={host} className="code-editor" />
}
