import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { rootCertificates, type ConnectionOptions, type DetailedPeerCertificate, type TLSSocket } from 'node:tls'
import type { HttpCertificate, HttpSettings, HttpTlsInfo } from '../../shared/http'
import { httpError, tlsHint } from './errors'

/** TLS material the connector needs, already read from disk. */
export interface TlsMaterial {
  verify: boolean
  options: Pick<ConnectionOptions, 'ca' | 'cert' | 'key' | 'pfx' | 'passphrase'>
  /** Identifies the material for dispatcher reuse: same key, same connections. */
  key: string
}

async function readUserFile(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path)
  } catch (error) {
    const code = (error as { code?: string }).code
    throw httpError(
      'file_not_found',
      `The ${what} file ${path} could not be read${code === 'ENOENT' ? ': it does not exist' : ` (${code ?? String(error)})`}.`,
      `Choose the ${what} file again in the request's TLS settings.`
    )
  }
}

// Most requests name no files: their material is one of two constants, with no hashing per request.
const VERIFY: TlsMaterial = { verify: true, options: {}, key: 'verify' }
const NO_VERIFY: TlsMaterial = { verify: false, options: {}, key: 'no-verify' }

/** Reads CA files and the client certificate named in the settings. */
export async function loadTlsMaterial(settings: HttpSettings): Promise<TlsMaterial> {
  if (settings.caFiles.length === 0 && !settings.clientCert) return settings.verifyTls ? VERIFY : NO_VERIFY
  const options: TlsMaterial['options'] = {}
  const hash = createHash('sha256')
  hash.update(settings.verifyTls ? 'verify' : 'no-verify')
  if (settings.caFiles.length > 0) {
    const extra = await Promise.all(settings.caFiles.map((path) => readUserFile(path, 'CA certificate')))
    // A custom `ca` replaces Node's roots, so keep them: the CA files add trust, they do not narrow it.
    options.ca = [...rootCertificates, ...extra.map((b) => b.toString('utf8'))]
    for (const b of extra) hash.update(b)
  }
  const cert = settings.clientCert
  if (cert?.type === 'pem') {
    options.cert = await readUserFile(cert.certPath, 'client certificate')
    options.key = await readUserFile(cert.keyPath, 'client key')
    hash.update(options.cert).update(options.key)
  } else if (cert?.type === 'pfx') {
    options.pfx = await readUserFile(cert.pfxPath, 'PFX')
    hash.update(options.pfx)
  }
  if (cert?.passphrase !== undefined) {
    options.passphrase = cert.passphrase
    hash.update(cert.passphrase)
  }
  return { verify: settings.verifyTls, options, key: hash.digest('hex') }
}

function formatName(name: Record<string, string | string[]> | undefined): string {
  if (!name) return ''
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ')
}

/** The certificate chain the server presented, leaf first. */
export function describeChain(socket: TLSSocket): HttpCertificate[] {
  const chain: HttpCertificate[] = []
  let cert = socket.getPeerCertificate(true) as DetailedPeerCertificate | undefined
  const seen = new Set<string>()
  while (cert && cert.fingerprint256 && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256)
    chain.push({
      subject: formatName(cert.subject as unknown as Record<string, string>),
      issuer: formatName(cert.issuer as unknown as Record<string, string>),
      validFrom: new Date(cert.valid_from).toISOString(),
      validTo: new Date(cert.valid_to).toISOString(),
      fingerprint256: cert.fingerprint256,
      subjectAltNames: cert.subjectaltname ? cert.subjectaltname.split(', ') : [],
      serialNumber: cert.serialNumber ?? ''
    })
    cert = cert.issuerCertificate
  }
  return chain
}

// A TLS session does not change once the handshake is done, and reading the chain
// (getPeerCertificate(true)) was most of the CPU of a keep-alive HTTPS request: describe each socket once.
const described = new WeakMap<TLSSocket, HttpTlsInfo>()

/** Everything the response shows about the TLS session, read once per socket. */
export function describeTls(socket: TLSSocket): HttpTlsInfo {
  const known = described.get(socket)
  if (known) return known
  const info = readTls(socket)
  // Before the handshake ends there is nothing stable to remember.
  if (info.protocol) described.set(socket, info)
  return info
}

function readTls(socket: TLSSocket): HttpTlsInfo {
  const authError = socket.authorizationError as unknown as Error | string | null | undefined
  return {
    protocol: socket.getProtocol() ?? null,
    cipher: socket.getCipher()?.name ?? null,
    alpnProtocol: typeof socket.alpnProtocol === 'string' ? socket.alpnProtocol : null,
    authorized: socket.authorized,
    authorizationError: authError ? String(authError instanceof Error ? ((authError as { code?: string }).code ?? authError.message) : authError) : null,
    certificates: describeChain(socket)
  }
}

const REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a self-signed certificate that is not trusted',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'it was issued by a certificate authority that is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'it was issued by a certificate authority that is not trusted',
  UNABLE_TO_GET_ISSUER_CERT: 'its issuer could not be found',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it does not cover this host name (hostname mismatch)',
  CERT_REVOKED: 'it has been revoked'
}

/** The error for a server certificate that failed verification, naming subject, issuer and reason. */
export function certificateError(socket: TLSSocket, host: string): Error {
  const info = describeTls(socket)
  const reasonCode = info.authorizationError ?? 'UNKNOWN'
  const leaf = info.certificates[0]
  let reason = REASONS[reasonCode] ?? `verification failed (${reasonCode})`
  if (leaf && reasonCode === 'CERT_HAS_EXPIRED') reason += ` on ${leaf.validTo}`
  if (leaf && reasonCode === 'CERT_NOT_YET_VALID') reason += ` until ${leaf.validFrom}`
  if (leaf && reasonCode === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    reason += `: "${host}" is not among ${leaf.subjectAltNames.length > 0 ? leaf.subjectAltNames.join(', ') : `the subject ${leaf.subject}`}`
  }
  const who = leaf ? `the certificate of ${host} (subject "${leaf.subject}", issued by "${leaf.issuer}")` : `the certificate of ${host}`
  return httpError('tls_failed', `TLS verification failed: ${who} was rejected because ${reason} [${reasonCode}].`, tlsHint)
}
