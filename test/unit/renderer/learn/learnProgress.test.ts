import { describe, expect, it } from 'vitest'
import { LearnStepIdSchema, SettingsSchema } from '../../../../src/shared/app'
import { currentStep, doneCount, withDone } from '../../../../src/renderer/features/learn/learnProgress'
import { learnStepIds } from '../../../../src/renderer/features/learn/learnSteps'

describe('learning path progress', () => {
  it('every step id is one the settings accept', () => {
    for (const id of learnStepIds) expect(LearnStepIdSchema.safeParse(id).success, id).toBe(true)
    expect(SettingsSchema.shape.learnDone.safeParse(learnStepIds).success).toBe(true)
    expect(new Set(learnStepIds).size).toBe(learnStepIds.length)
  })

  it("marks a step done or not, keeping the path's order and dropping ids it no longer has", () => {
    expect(withDone([], 'broadcast', true)).toEqual(['broadcast'])
    expect(withDone(['broadcast'], 'api', true)).toEqual(['api', 'broadcast'])
    expect(withDone(['api', 'broadcast'], 'api', false)).toEqual(['broadcast'])
    expect(withDone(['api', 'gone-step'], 'api', true)).toEqual(['api'])
    expect(withDone(['api'], 'api', true)).toEqual(['api'])
  })

  it('opens the first step not done, or the last when all are', () => {
    expect(currentStep([])).toBe('api')
    expect(currentStep(['api', 'create'])).toBe('stale')
    expect(currentStep(['create'])).toBe('api')
    expect(currentStep([...learnStepIds])).toBe(learnStepIds.at(-1))
  })

  it('counts only the steps the path has', () => {
    expect(doneCount(['api', 'old-step', 'sse'])).toBe(2)
  })
})
