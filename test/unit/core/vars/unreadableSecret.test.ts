import { describe, expect, it } from 'vitest'
import { ParleyError } from '../../../../src/shared/errors'
import { previewText, resolveString } from '../../../../src/core/vars/resolveText'
import { VariableScope } from '../../../../src/core/vars/variableScope'

const sealed = new ParleyError('secret_unreadable', 'This secret was saved by the desktop app with the system keychain.', 'Enter the value again here.')
const scope = new VariableScope([
  {
    source: 'collection',
    variables: [
      { name: 'token', value: '', enabled: true, secret: true, unreadable: sealed },
      { name: 'host', value: 'api.test', enabled: true, secret: false }
    ]
  }
])

describe('a secret this shell cannot decrypt', () => {
  it('stops a send with an error naming the variable, instead of sending it empty', () => {
    expect(() => resolveString('Bearer {{token}}', scope)).toThrow(/The secret variable "token" cannot be used here/)
    try {
      resolveString('{{token}}', scope)
    } catch (error) {
      expect(error).toMatchObject({ code: 'secret_unreadable', hint: 'Enter the value again here.' })
    }
  })

  it('leaves the other variables resolvable', () => {
    expect(resolveString('https://{{host}}/', scope)).toBe('https://api.test/')
  })
})

// previewText is what the URL hover uses: the unreadable secret is reported, not shown as empty.
describe('previewing a text with it', () => {
  it('reports the error', () => {
    const preview = previewText('{{token}}', scope)
    expect(preview.text).toBeNull()
    expect(preview.error?.code).toBe('secret_unreadable')
  })
})
