import { defaultKeymap } from '@codemirror/commands'
import { codeFolding, foldGutter, foldKeymap, syntaxHighlighting } from '@codemirror/language'
import { search, searchKeymap, SearchCursor } from '@codemirror/search'
import { Compartment, EditorState, StateEffect, StateField, type Range } from '@codemirror/state'
import { Decoration, EditorView, keymap, lineNumbers, type DecorationSet } from '@codemirror/view'
import { useEffect, useRef } from 'react'
import { codeHighlightStyle } from '../../ui/codeHighlight'
import { loadLanguage } from '../../ui/codeLanguages'
import type { CodeLanguage } from './contentKind'

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '12px', backgroundColor: 'var(--bg-raised)', color: 'var(--text)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '18px' },
  '.cm-gutters': { backgroundColor: 'var(--bg-raised)', color: 'var(--text-muted)', border: 'none', borderRight: '1px solid var(--border)' },
  '.cm-activeLineGutter': { backgroundColor: 'transparent' },
  '.cm-foldGutter span': { padding: '0 4px', cursor: 'pointer' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--bg-sunken)', border: '1px solid var(--border)', color: 'var(--text-muted)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'var(--selection)' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-search-hit': { backgroundColor: 'var(--match)', borderRadius: '2px' },
  '.cm-search-hit-active': { backgroundColor: 'var(--match-active)', outline: '1px solid var(--warn)' },
  '.cm-panels': { backgroundColor: 'var(--bg-sunken)', color: 'var(--text)', borderColor: 'var(--border)' },
  '.cm-panels input, .cm-panels button': { fontSize: '12px' }
})

const setHits = StateEffect.define<{ ranges: { from: number; to: number }[]; active: number }>()
const hitMark = Decoration.mark({ class: 'cm-search-hit' })
const activeHitMark = Decoration.mark({ class: 'cm-search-hit cm-search-hit-active' })
const hitsField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, transaction) {
    for (const effect of transaction.effects) {
      if (effect.is(setHits)) {
        const marks: Range<Decoration>[] = effect.value.ranges.map((r, i) => (i === effect.value.active ? activeHitMark : hitMark).range(r.from, r.to))
        return Decoration.set(marks, true)
      }
    }
    return value.map(transaction.changes)
  },
  provide: (field) => EditorView.decorations.from(field)
})

/** Matches the viewer highlights at most; the count goes on. */
const MAX_HITS = 10_000

/**
 * A read-only CodeMirror for bodies small enough to hold whole on the main thread: syntax colours,
 * folding, and the toolbar's search driven from outside (all hits marked, the active one in view).
 */
export function CodeView({
  text,
  language,
  query,
  active,
  onMatches,
  label
}: {
  text: string
  language: CodeLanguage
  query: string
  active: number
  onMatches: (total: number) => void
  label: string
}) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView>(undefined)
  const ranges = useRef<{ from: number; to: number }[]>([])
  useEffect(() => {
    if (!host.current) return
    const languageSlot = new Compartment()
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(),
          codeFolding(),
          foldGutter(),
          EditorState.readOnly.of(true),
          syntaxHighlighting(codeHighlightStyle),
          languageSlot.of([]),
          search({ top: true }),
          keymap.of([...searchKeymap, ...foldKeymap, ...defaultKeymap]),
          hitsField,
          theme,
          EditorView.contentAttributes.of({ 'aria-label': label })
        ]
      })
    })
    view.current = created
    // The grammar loads on first use and colours the text when it arrives.
    let alive = true
    void loadLanguage(language).then((extension) => {
      if (alive) created.dispatch({ effects: languageSlot.reconfigure(extension) })
    })
    return () => {
      alive = false
      created.destroy()
      view.current = undefined
    }
  }, [text, language, label])

  useEffect(() => {
    const editor = view.current
    if (!editor) return
    const found: { from: number; to: number }[] = []
    let total = 0
    if (query) {
      const cursor = new SearchCursor(editor.state.doc, query, 0, editor.state.doc.length, (s) => s.toLowerCase())
      while (!cursor.next().done) {
        total++
        if (found.length < MAX_HITS) found.push({ from: cursor.value.from, to: cursor.value.to })
      }
    }
    ranges.current = found
    onMatches(total)
    editor.dispatch({ effects: setHits.of({ ranges: found, active: -1 }) })
  }, [query, text, language])

  useEffect(() => {
    const editor = view.current
    const hit = ranges.current[active]
    if (!editor || !hit) return
    editor.dispatch({
      effects: [setHits.of({ ranges: ranges.current, active }), EditorView.scrollIntoView(hit.from, { y: 'center' })]
    })
  }, [active, query, text])

  return <div className="rp-code-view" ref={host} />
}
