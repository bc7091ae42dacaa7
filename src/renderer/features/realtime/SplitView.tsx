import { Group, Panel, Separator } from 'react-resizable-panels'
import { useT } from '../../i18n'
import { Icon } from '../../ui/Icon'
import { tabLabel } from '../tabs/tabTitles'
import { useTabs, type Tab } from '../tabs/tabsStore'
import { RealtimePane } from './RealtimePane'
import './split.css'

/**
 * Two realtime tabs side by side, each a full live session with its own log: two clients of one
 * room, say. Clicking into a pane brings its tab to the front (shortcuts then act on it).
 */
export function SplitView({ left, right }: { left: Tab; right: Tab }) {
  const { t } = useT('split')
  const activeId = useTabs((s) => s.activeId)
  const pane = (tab: Tab, side: 'left' | 'right') => {
    const name = t(side === 'left' ? 'leftPane' : 'rightPane', { title: tabLabel(tab) })
    return (
      <section
        aria-label={name}
        className={`split-pane ${tab.id === activeId ? 'split-pane-active' : ''}`}
        onFocusCapture={() => useTabs.getState().activeId !== tab.id && useTabs.getState().activate(tab.id)}
        onPointerDown={() => useTabs.getState().activeId !== tab.id && useTabs.getState().activate(tab.id)}
      >
        <header className="split-pane-head">
          <span className="split-pane-side">{t(side === 'left' ? 'left' : 'right')}</span>
          <span className="split-pane-title" title={tab.title}>
            {tabLabel(tab)}
          </span>
        </header>
        <RealtimePane
          key={tab.id}
          tab={{ id: tab.id, kind: tab.kind as Exclude<Tab['kind'], 'http'>, title: tab.title }}
          compact
          panelId={side === 'left' ? 'request-panel' : 'request-panel-right'}
        />
      </section>
    )
  }
  return (
    <div className="split-view">
      <div className="split-bar" role="toolbar" aria-label={t('toolbar')}>
        <span className="split-bar-title">{t('title')}</span>
        <button type="button" className="secondary-button rt-small" onClick={() => useTabs.getState().setSplit([right.id, left.id])}>
          {t('swap')}
        </button>
        <button type="button" className="secondary-button rt-small" onClick={() => useTabs.getState().setSplit(undefined)}>
          <Icon name="close" size={12} />
          {t('close')}
        </button>
      </div>
      <Group orientation="horizontal" className="split-body">
        <Panel id="split-left" minSize="300px" className="split-panel">
          {pane(left, 'left')}
        </Panel>
        <Separator className="pane-separator pane-separator-vertical" aria-label={t('resize')} />
        <Panel id="split-right" minSize="300px" className="split-panel">
          {pane(right, 'right')}
        </Panel>
      </Group>
    </div>
  )
}
