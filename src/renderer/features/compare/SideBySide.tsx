import { MergeView } from '@codemirror/merge'
import { syntaxHighlighting } from '@codemirror/language'
import { EditorState } from '@codemirror/state'
import { EditorView, lineNumbers } from '@codemirror/view'
import { useEffect, useRef } from 'react'
import { codeHighlightStyle } from '../../ui/codeHighlight'
import { loadLanguage } from '../../ui/codeLanguages'
import { useT } from '../../i18n'

// Colours from the app's theme variables, so light and dark both read (merge's own are for light).
const theme = EditorView.theme({
  '&': { fontSize: '12px', backgroundColor: 'var(--bg-raised)', color: 'var(--text)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '18px' },
  '.cm-gutters': { backgroundColor: 'var(--bg-raised)', color: 'var(--text-muted)', border: 'none', borderRight: '1px solid var(--border)' },
  '&.cm-merge-a .cm-changedLine, .cm-deletedChunk': { backgroundColor: 'var(--diff-removed-bg)' },
  '&.cm-merge-b .cm-changedLine, .cm-inlineChangedLine': { backgroundColor: 'var(--diff-added-bg)' },
  '&.cm-merge-a .cm-changedText, .cm-deletedChunk .cm-deletedText': { background: 'var(--diff-removed-text)' },
  '&.cm-merge-b .cm-changedText': { background: 'var(--diff-added-text)' },
  '&.cm-merge-a .cm-changedLineGutter, .cm-deletedLineGutter': { background: 'var(--error)' },
  '&.cm-merge-b .cm-changedLineGutter': { background: 'var(--ok)' },
  // The default marker is a glyph many system fonts lack; the count says enough, and a click expands it.
  '.cm-collapsedLines': {
    backgroundColor: 'var(--bg-sunken)',
    color: 'var(--text-muted)',
    backgroundImage: 'none',
    fontFamily: 'var(--font)',
    fontSize: '11px'
  },
  '.cm-collapsedLines:before, .cm-collapsedLines:after': { content: '""', margin: '0' }
})

/** Two bodies side by side (@codemirror/merge), unchanged stretches collapsed, read-only. */
export function SideBySide({ left, right, json }: { left: string; right: string; json: boolean }) {
  const { t } = useT('compare')
  const host = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const parent = host.current
    if (!parent) return
    let view: MergeView | undefined
    let cancelled = false
    void (json ? loadLanguage('json') : Promise.resolve(null)).then((language) => {
      if (cancelled) return
      const extensions = [
        lineNumbers(),
        theme,
        syntaxHighlighting(codeHighlightStyle),
        EditorState.readOnly.of(true),
        EditorView.editable.of(false),
        ...(language ? [language] : [])
      ]
      view = new MergeView({
        a: { doc: left, extensions: [...extensions, EditorView.contentAttributes.of({ 'aria-label': t('sideBySide.earlierBody') })] },
        b: { doc: right, extensions: [...extensions, EditorView.contentAttributes.of({ 'aria-label': t('sideBySide.thisBody') })] },
        parent,
        collapseUnchanged: { margin: 3, minSize: 6 },
        gutter: true
      })
    })
    return () => {
      cancelled = true
      view?.destroy()
    }
  }, [left, right, json])
  return <div className="cmp-merge" ref={host} />
}
