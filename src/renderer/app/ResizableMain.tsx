import { useEffect, type ReactNode } from 'react'
import { Group, Panel, Separator, useGroupRef } from 'react-resizable-panels'
import { roundSize, usePaneLayout } from './paneLayout'
import { useT } from '../i18n'

/** The sidebar beside the tabs, with a separator to drag (or move with the arrow keys) between them. */
export function ResizableMain({ sidebar, main }: { sidebar: ReactNode; main: ReactNode }) {
  const { t } = useT('app')
  const groupRef = useGroupRef()
  const loaded = usePaneLayout((s) => s.loaded)
  useEffect(() => {
    // The saved size arrives after the first paint: apply it once.
    if (!loaded) return
    const sidebarSize = usePaneLayout.getState().layout.sidebar
    groupRef.current?.setLayout({ sidebar: sidebarSize, main: 100 - sidebarSize })
  }, [loaded, groupRef])
  return (
    <Group
      groupRef={groupRef}
      orientation="horizontal"
      className="app-body"
      onLayoutChanged={(layout, meta) => {
        if (meta.isUserInteraction) usePaneLayout.getState().set({ sidebar: roundSize((meta.requestedLayout ?? layout)['sidebar']) })
      }}
    >
      <Panel id="sidebar" defaultSize={`${usePaneLayout.getState().layout.sidebar}%`} minSize="180px" maxSize="50%" className="app-panel">
        {sidebar}
      </Panel>
      <Separator className="pane-separator pane-separator-vertical" aria-label={t('resizableMain.resizeSidebar')} />
      <Panel id="main" minSize="360px" className="app-panel">
        {main}
      </Panel>
    </Group>
  )
}
