import { beforeEach, describe, expect, it } from 'vitest'
import { useTabs } from '../../../../src/renderer/features/tabs/tabsStore'
import { visibleSplit } from '../../../../src/renderer/features/realtime/sideBySide'

describe('two realtime tabs side by side', () => {
  beforeEach(() => {
    useTabs.setState({ tabs: [], activeId: undefined, closed: [], split: undefined })
  })

  it('shows the pair while either tab is in front, and the single tab otherwise', () => {
    const tabs = useTabs.getState()
    const a = tabs.openRealtime('socketio')
    const b = tabs.openRealtime('socketio')
    const http = tabs.open()
    tabs.setSplit([a, b])
    expect(useTabs.getState().activeId).toBe(a)
    expect(visibleSplit(useTabs.getState())?.map((t) => t.id)).toEqual([a, b])
    tabs.activate(b)
    expect(visibleSplit(useTabs.getState())?.map((t) => t.id)).toEqual([a, b])
    tabs.activate(http)
    expect(visibleSplit(useTabs.getState())).toBeUndefined()
    tabs.activate(a)
    expect(visibleSplit(useTabs.getState())).toBeDefined()
  })

  it('closing either tab ends the split; an HTTP tab never takes part', () => {
    const tabs = useTabs.getState()
    const a = tabs.openRealtime('sse')
    const b = tabs.openRealtime('websocket')
    tabs.setSplit([a, b])
    tabs.close(b)
    expect(useTabs.getState().split).toBeUndefined()
    const http = tabs.open()
    tabs.setSplit([a, http])
    expect(visibleSplit(useTabs.getState())).toBeUndefined()
  })
})
