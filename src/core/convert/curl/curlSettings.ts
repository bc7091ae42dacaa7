import type { Request as CurlRequest } from 'curlconverter/dist/src/Request.js'
import type { z } from 'zod'
import type { HttpSettingsSchema } from '../../../shared/http'
import type { WordReader } from './curlWords'

type SettingsInput = z.input<typeof HttpSettingsSchema>

/**
 * The transfer options of a command. curl follows no redirect without -L, so a command without it
 * becomes followRedirects: false: the request does what the command did.
 */
export function curlSettings(req: CurlRequest, words: WordReader, warnings: string[]): SettingsInput {
  const settings: SettingsInput = { followRedirects: req.followRedirects === true }
  if (req.insecure) settings.verifyTls = false
  const maxRedirs = req.maxRedirects ? Number(words.text(req.maxRedirects)) : undefined
  if (maxRedirs !== undefined && Number.isFinite(maxRedirs)) settings.maxRedirects = maxRedirs < 0 || maxRedirs > 100 ? 100 : Math.floor(maxRedirs)
  const timeout = seconds(req.timeout ? words.text(req.timeout) : undefined, '--max-time', warnings)
  if (timeout !== undefined) settings.timeoutMs = timeout
  const connect = seconds(req.connectTimeout ? words.text(req.connectTimeout) : undefined, '--connect-timeout', warnings)
  if (connect !== undefined) settings.connectTimeoutMs = connect
  if (req.httpVersion === '1.1' || req.httpVersion === '1.0') settings.httpVersion = '1.1'
  else if (req.httpVersion === '2' || req.httpVersion === '2-prior-knowledge') settings.httpVersion = '2'
  else if (req.httpVersion !== undefined) warnings.push(`--http${req.httpVersion} is not supported by Parley; it uses HTTP/1.1 or HTTP/2.`)
  if (req.httpVersion === '1.0') warnings.push('--http1.0 became HTTP/1.1: Parley does not speak HTTP/1.0.')
  if (req.proxy) {
    const proxy = words.text(req.proxy)
    settings.proxy = { url: /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}` }
  }
  if (req.noproxy && words.text(req.noproxy) === '*') settings.proxy = 'none'
  else if (req.noproxy) warnings.push(`--noproxy ${words.text(req.noproxy)}: Parley cannot skip the proxy for some hosts only; set NO_PROXY instead.`)
  if (req.cacert) settings.caFiles = [words.text(req.cacert)]
  if (req.cert) {
    const [certPath, passphrase] = req.cert
    const pass = passphrase ? words.text(passphrase) : req.pass ? words.text(req.pass) : undefined
    const type = req.certType ? words.text(req.certType).toUpperCase() : 'PEM'
    if (type === 'P12') settings.clientCert = { type: 'pfx', pfxPath: words.text(certPath), ...(pass ? { passphrase: pass } : {}) }
    else if (req.key) settings.clientCert = { type: 'pem', certPath: words.text(certPath), keyPath: words.text(req.key), ...(pass ? { passphrase: pass } : {}) }
    else warnings.push('--cert without --key: Parley needs the key in its own file; add it in the request settings.')
  }
  return settings
}

/** curl takes fractional seconds; Parley milliseconds. */
function seconds(value: string | undefined, option: string, warnings: string[]): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0) {
    warnings.push(`${option} ${value} is not a number of seconds; it was left out.`)
    return undefined
  }
  return Math.round(n * 1000)
}
