import { create } from 'zustand'
import { api } from '../../app/api'
import { withDone } from './learnProgress'
import { learnSteps } from './learnSteps'
import { runLearnAction } from './learnActions'

interface LearnState {
  /** Step ids marked done, as core keeps them in the settings. */
  done: string[]
  /** The step whose action is under way. */
  running: string | undefined
  /** The last action's failure, by step. */
  failure: { stepId: string; error: unknown } | undefined
  setDone(id: string, isDone: boolean): Promise<void>
  reset(): Promise<void>
  run(id: string, message: string): Promise<void>
}

/** The learning path's progress (remembered by core in the settings, shared by every window) and its running step. */
export const useLearn = create<LearnState>((set, get) => ({
  done: [],
  running: undefined,
  failure: undefined,
  async setDone(id, isDone) {
    const done = withDone(get().done, id, isDone)
    set({ done })
    set({ done: (await api.call('settings.update', { learnDone: done })).learnDone })
  },
  async reset() {
    set({ done: (await api.call('settings.update', { learnDone: [] })).learnDone })
  },
  async run(id, message) {
    const step = learnSteps.find((s) => s.id === id)
    if (!step || get().running) return
    set({ running: id, failure: undefined })
    try {
      await runLearnAction(step.action, message)
    } catch (error) {
      set({ failure: { stepId: id, error } })
    } finally {
      set({ running: undefined })
    }
  }
}))

/** Reads the progress once and follows changes from any window. */
export function listenForLearnProgress(): () => void {
  api.call('settings.get').then(
    (settings) => useLearn.setState({ done: settings.learnDone }),
    () => undefined
  )
  return api.on('settings.changed', (settings) => useLearn.setState({ done: settings.learnDone }))
}
