import type { ReactNode } from 'react'
import { Group, Panel, Separator } from 'react-resizable-panels'
import { roundSize, usePaneLayout } from '../../app/paneLayout'
import './split.css'
import { useT } from '../../i18n'

/** The request editor and its response, one above the other or side by side, with a separator between. */
export function RequestResponseSplit({ editor, response }: { editor: ReactNode; response: ReactNode }) {
  const { t } = useT('request')
  const orientation = usePaneLayout((s) => s.layout.requestOrientation)
  const size = usePaneLayout.getState().layout.request
  const stacked = orientation === 'stacked'
  return (
    <Group
      key={orientation}
      orientation={stacked ? 'vertical' : 'horizontal'}
      className={`request-split request-split-${orientation}`}
      onLayoutChanged={(layout, meta) => {
        if (meta.isUserInteraction) usePaneLayout.getState().set({ request: roundSize((meta.requestedLayout ?? layout)['request']) })
      }}
    >
      <Panel id="request" defaultSize={`${size}%`} minSize={stacked ? '90px' : '280px'} className="split-panel split-editor">
        {editor}
      </Panel>
      <Separator
        className={`pane-separator ${stacked ? 'pane-separator-horizontal' : 'pane-separator-vertical'}`}
        aria-label={t('requestResponseSplit.resizeRequestAndResponse')}
      />
      <Panel id="response" minSize={stacked ? '120px' : '280px'} className="split-panel">
        {response}
      </Panel>
    </Group>
  )
}

/** Switches the response between below the request and beside it. */
export function OrientationToggle() {
  const { t } = useT('request')
  const orientation = usePaneLayout((s) => s.layout.requestOrientation)
  const beside = orientation === 'side-by-side'
  return (
    <button
      type="button"
      className="icon-button small orientation-toggle"
      aria-label={t('requestResponseSplit.responseBesideTheRequest')}
      aria-pressed={beside}
      title={beside ? t('requestResponseSplit.showTheResponseBelow') : t('requestResponseSplit.showTheResponseBeside')}
      onClick={() => usePaneLayout.getState().set({ requestOrientation: beside ? 'stacked' : 'side-by-side' })}
    >
      <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
        <rect x="3" y="4" width="18" height="16" rx="2" />
        {beside ? <path d="M12 4v16" /> : <path d="M3 12h18" />}
      </svg>
    </button>
  )
}
