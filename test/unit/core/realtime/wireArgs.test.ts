import { describe, expect, it } from 'vitest'
import { WireNotingDecoder, wireArgsJson } from '../../../../src/core/realtime/socketioClient'

/** What wireArgsJson answers while the decoder delivers the event decoded from `packet`, as onAny runs. */
function argsJsonWhileDecoding(packet: string): string | undefined | 'not delivered' {
  const decoder = new WireNotingDecoder()
  let seen: string | undefined | 'not delivered' = 'not delivered'
  decoder.on('decoded', (p: { data?: unknown[] }) => {
    seen = wireArgsJson(String(p.data?.[0]))
  })
  decoder.add(packet)
  return seen
}

describe('the args JSON of an incoming Socket.IO event, as it came over the wire', () => {
  it('is the text after the event name, for the main namespace, another one, and events that want an ack', () => {
    expect(argsJsonWhileDecoding('2["tick",{"i":1},"two",3]')).toBe('[{"i":1},"two",3]')
    expect(argsJsonWhileDecoding('2/chat,["msg",{"text":"a, b"}]')).toBe('[{"text":"a, b"}]')
    expect(argsJsonWhileDecoding('2/chat,17["msg",null]')).toBe('[null]')
    expect(argsJsonWhileDecoding('2["ping"]')).toBe('[]')
  })

  it('is undefined, so the values are encoded again, where the wire text cannot be a log line as it is', () => {
    // The event name written with an escape, text spread over lines, spaces between tokens.
    expect(argsJsonWhileDecoding('2["\\u0074ick",1]')).toBeUndefined()
    expect(argsJsonWhileDecoding('2["tick",{\n"i":1}]')).toBeUndefined()
    expect(argsJsonWhileDecoding('2[ "tick",1]')).toBeUndefined()
    expect(argsJsonWhileDecoding('2["tick" ,1]')).toBeUndefined()
  })

  it("is undefined outside a decode, so an event delivered later (buffered, binary) never takes another packet's text", () => {
    expect(argsJsonWhileDecoding('2["tick",1]')).toBe('[1]')
    expect(wireArgsJson('tick')).toBeUndefined()
  })
})
