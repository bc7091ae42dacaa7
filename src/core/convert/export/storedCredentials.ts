import type { SavedRequest } from '../../../shared/collection'
import type { UnsupportedItem } from '../../../shared/convert'
import { isCredentialReference } from '../../store/authCredentials'

export const credentialsLeftOut = "Credentials kept in Parley's data directory are not exported; fill them in after importing."

/**
 * A realtime request as an export carries it: a Socket.IO auth payload kept in the data dir is left
 * empty (a reference would mean nothing elsewhere), and the export says so.
 */
export function withoutStoredCredentials<R extends SavedRequest>(saved: R, where: string, unsupported: UnsupportedItem[]): R {
  if (saved.kind !== 'socketio' || !isCredentialReference(saved.auth)) return saved
  unsupported.push({ item: where, what: credentialsLeftOut })
  return { ...saved, auth: '' }
}
