import { useEffect, useState } from 'react'
import type { Theme } from '../../shared/app'
import { AboutDialog } from '../features/about/AboutDialog'
import { ExportDialog } from '../features/convert/ExportDialog'
import { ImportDialog } from '../features/convert/ImportDialog'
import '../features/convert/convert.css'
import { EnvironmentPicker } from '../features/environments'
import { SettingsDialog } from '../features/settings/SettingsDialog'
import { RequestPane } from '../features/request/RequestPane'
import { listenForPlayground } from '../features/playground/playgroundStore'
import { RealtimePane } from '../features/realtime/RealtimePane'
import { listenForProgress } from '../features/request/exchangeStore'
import { Sidebar } from '../features/sidebar/Sidebar'
import { StatusBar } from '../features/status/StatusBar'
import { listenForStatus } from '../features/status/statusStore'
import { reportStartupProblems } from '../features/status/startupProblems'
import { TabStrip } from '../features/tabs/TabStrip'
import { useTabs } from '../features/tabs/tabsStore'
import { Icon } from '../ui/Icon'
import { chooseTheme, useTheme, useThemeSync } from './theme'
import { useShortcuts } from './useShortcuts'
import { ResizableMain } from './ResizableMain'

export function App() {
  const [aboutOpen, setAboutOpen] = useState(false)
  const [importOpen, setImportOpen] = useState(false)
  const [exportOpen, setExportOpen] = useState(false)
  const [settingsOpen, setSettingsOpen] = useState(false)
  const theme = useTheme((s) => s.theme)
  const { tabs, activeId, open } = useTabs()
  const active = tabs.find((t) => t.id === activeId)
  useThemeSync()
  useShortcuts()
  useEffect(() => listenForStatus(), [])
  useEffect(() => listenForPlayground(), [])
  useEffect(() => listenForProgress(), [])
  useEffect(() => {
    void reportStartupProblems()
  }, [])
  return (
    <div className="app">
      <header className="top-bar">
        <div className="brand">
          <img src="./favicon.svg" alt="" width={22} height={22} />
          <span>Parley</span>
        </div>
        <div className="top-bar-spacer" />
        <button type="button" className="secondary-button compact" onClick={() => setImportOpen(true)}>
          Import
        </button>
        <button type="button" className="secondary-button compact" onClick={() => setExportOpen(true)}>
          Export
        </button>
        <EnvironmentPicker />
        <label className="top-select">
          <span className="visually-hidden">Theme</span>
          <Icon name="sun" size={14} />
          <select aria-label="Theme" value={theme} onChange={(event) => void chooseTheme(event.target.value as Theme)}>
            <option value="system">System theme</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <button type="button" className="icon-button" aria-label="Settings" title="Settings" onClick={() => setSettingsOpen(true)}>
          <Icon name="gear" />
        </button>
        <button type="button" className="icon-button" aria-label="About Parley" title="About Parley" onClick={() => setAboutOpen(true)}>
          <Icon name="info" />
        </button>
      </header>
      <ResizableMain
        sidebar={<Sidebar />}
        main={
      <main className="main-pane">
        <TabStrip />
        {active?.kind === 'http' ? (
          <RequestPane tab={active} />
        ) : active ? (
          <RealtimePane key={active.id} tab={{ id: active.id, kind: active.kind, title: active.title }} />
        ) : (
          <div className="empty-state">
            <p className="empty-title">No open requests</p>
            <button type="button" className="primary-button" onClick={() => open()}>
              <Icon name="plus" size={14} />
              New request
            </button>
            <p className="muted">
              The wave button beside + opens a Socket.IO, WebSocket or SSE session. <kbd>Ctrl</kbd> + <kbd>T</kbd> opens a new tab, <kbd>Ctrl</kbd> + <kbd>Shift</kbd> + <kbd>T</kbd> reopens the last one closed.
            </p>
          </div>
        )}
      </main>
        }
      />
      <StatusBar />
      <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} />
      {importOpen && <ImportDialog open onClose={() => setImportOpen(false)} />}
      {exportOpen && <ExportDialog open onClose={() => setExportOpen(false)} />}
      {settingsOpen && <SettingsDialog open onClose={() => setSettingsOpen(false)} />}
    </div>
  )
}
