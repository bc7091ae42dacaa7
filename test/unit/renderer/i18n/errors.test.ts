import { connect, createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toHttpError } from '../../../../src/core/http/errors'
import { ParleyError } from '../../../../src/shared/errors'
import { i18n, initI18n, switchLanguage } from '../../../../src/renderer/i18n'
import { errorParts, errorText } from '../../../../src/renderer/i18n/errors'

/** A port nothing listens on: a server is opened on it and closed again. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** What core makes of a real failed connection to `url` (through the JSON the contract carries). */
async function refusedAt(url: string): Promise<ParleyError> {
  const { hostname, port } = new URL(url)
  const error = await new Promise<Error>((resolve) => connect(Number(port), hostname).once('error', resolve))
  return ParleyError.from(toHttpError(error, url).toJSON())
}

describe("core's errors reach the user in their language", () => {
  beforeAll(async () => {
    await initI18n()
    await switchLanguage('es')
  })
  afterAll(async () => {
    await switchLanguage('en')
  })

  it('a refused connection, from a real socket, in Spanish with its host', async () => {
    const port = await closedPort()
    const url = `http://127.0.0.1:${port}/notes`
    const error = await refusedAt(url)
    expect(error.code).toBe('connection_refused')
    // What crossed the contract is still English, with the specifics beside it.
    expect(error.message).toMatch(/refused the connection/)
    const { message, hint } = errorParts(error.toJSON())
    expect(message).toBe(`${String(error.params?.['target'])} ha rechazado la conexión.`)
    expect(message).toContain(String(port))
    expect(hint).toMatch(/^¿Está el servidor en marcha/)
  })

  it('an invalid URL and a file outside the collection, in Spanish', () => {
    const invalid = new ParleyError('invalid_url', '"nota" is not a valid URL.', 'Write a full address…', { url: 'nota', variant: 'notUrl' })
    expect(errorText(invalid)).toBe('«nota» no es una URL válida. Escribe una dirección completa, como https://api.example.com/items?page=1.')
    const refused = new ParleyError('file_not_allowed', 'This request reads …', '…', { list: '/etc/passwd (body)', count: 1 })
    expect(errorParts(refused.toJSON()).message).toContain('Parley no lo ha leído ni enviado')
  })

  it('falls back to the English text for a code the catalog does not know, or a message missing its values', () => {
    const unknown = new ParleyError('brand_new_error', 'Something new went wrong.', 'Do the new thing.')
    expect(errorText(unknown)).toBe('Something new went wrong. Do the new thing.')
    const withoutParams = new ParleyError('dns_failed', 'Could not resolve the host of x (ENOTFOUND).', 'Check the spelling.')
    expect(errorParts(withoutParams.toJSON())).toEqual({ message: 'Could not resolve the host of x (ENOTFOUND).', hint: 'Check the spelling.' })
  })

  it('in English, the catalog says what core says', async () => {
    await i18n.changeLanguage('en')
    const port = await closedPort()
    const error = await refusedAt(`http://127.0.0.1:${port}/`)
    expect(errorParts(error.toJSON())).toEqual({ message: error.message, hint: error.hint })
    await i18n.changeLanguage('es')
  })
})
