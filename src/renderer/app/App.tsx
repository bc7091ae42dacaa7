import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
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
import { SplitView } from '../features/realtime/SplitView'
import { visibleSplit } from '../features/realtime/sideBySide'
import { listenForProgress } from '../features/request/exchangeStore'
import { Sidebar } from '../features/sidebar/Sidebar'
import { StatusBar } from '../features/status/StatusBar'
import { listenForStatus } from '../features/status/statusStore'
import { reportStartupProblems } from '../features/status/startupProblems'
import { TabStrip } from '../features/tabs/TabStrip'
import { useTabs } from '../features/tabs/tabsStore'
import { Icon } from '../ui/Icon'
import { CommandPalette } from '../features/commands/CommandPalette'
import { ShortcutSheet } from '../features/commands/ShortcutSheet'
import { closeDialog, openDialog, useAppDialogs } from './appDialogs'
import { chooseTheme, useTheme, useThemeSync } from './theme'
import { useShortcuts } from './useShortcuts'
import { useLanguageSync } from './language'
import { useT } from '../i18n'
import { ResizableMain } from './ResizableMain'
import { RunnerDialog } from '../features/runner/RunnerDialog'
import { listenForRunner } from '../features/runner/runnerStore'

export function App() {
  const dialog = useAppDialogs((s) => s.open)
  const theme = useTheme((s) => s.theme)
  const { t } = useT('app')
  const { tabs, activeId, open } = useTabs()
  const active = tabs.find((t) => t.id === activeId)
  const split = useTabs(useShallow(visibleSplit))
  useThemeSync()
  useLanguageSync()
  useShortcuts()
  useEffect(() => listenForStatus(), [])
  useEffect(() => listenForPlayground(), [])
  useEffect(() => listenForProgress(), [])
  useEffect(() => listenForRunner(), [])
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
        <button type="button" className="secondary-button compact" onClick={() => openDialog('import')}>
          {t('import')}
        </button>
        <button type="button" className="secondary-button compact" onClick={() => openDialog('export')}>
          {t('export')}
        </button>
        <EnvironmentPicker />
        <label className="top-select">
          <span className="visually-hidden">{t('theme.label')}</span>
          <Icon name="sun" size={14} />
          <select aria-label={t('theme.label')} value={theme} onChange={(event) => void chooseTheme(event.target.value as Theme)}>
            <option value="system">{t('theme.system')}</option>
            <option value="light">{t('theme.light')}</option>
            <option value="dark">{t('theme.dark')}</option>
          </select>
        </label>
        <button type="button" className="icon-button" aria-label={t('settings')} title={t('settings')} onClick={() => openDialog('settings')}>
          <Icon name="gear" />
        </button>
        <button type="button" className="icon-button" aria-label={t('about')} title={t('about')} onClick={() => openDialog('about')}>
          <Icon name="info" />
        </button>
      </header>
      <ResizableMain
        sidebar={<Sidebar />}
        main={
          <main className="main-pane">
            <TabStrip />
            {split ? (
              <SplitView left={split[0]} right={split[1]} />
            ) : active?.kind === 'http' ? (
              <RequestPane tab={active} />
            ) : active ? (
              <RealtimePane key={active.id} tab={{ id: active.id, kind: active.kind, title: active.title }} />
            ) : (
              <div className="empty-state">
                <p className="empty-title">{t('empty.title')}</p>
                <button type="button" className="primary-button" onClick={() => open()}>
                  <Icon name="plus" size={14} />
                  {t('empty.newRequest')}
                </button>
                <p className="muted">
                  {t('empty.wave')} <kbd>Ctrl</kbd> + <kbd>T</kbd> ({t('empty.or')} <kbd>Alt</kbd> + <kbd>T</kbd>) {t('empty.newTab')}, <kbd>Ctrl</kbd> +{' '}
                  <kbd>K</kbd> {t('empty.find')}, <kbd>Ctrl</kbd> + <kbd>/</kbd> {t('empty.shortcuts')}
                </p>
              </div>
            )}
          </main>
        }
      />
      <StatusBar />
      <AboutDialog open={dialog === 'about'} onClose={closeDialog} />
      {dialog === 'import' && <ImportDialog open onClose={closeDialog} />}
      {dialog === 'export' && <ExportDialog open onClose={closeDialog} />}
      {dialog === 'settings' && <SettingsDialog open onClose={closeDialog} />}
      {dialog === 'palette' && <CommandPalette onClose={closeDialog} />}
      {dialog === 'shortcuts' && <ShortcutSheet onClose={closeDialog} />}
      <RunnerDialog />
    </div>
  )
}
