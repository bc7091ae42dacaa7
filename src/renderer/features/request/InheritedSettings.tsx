import { useEffect, useState } from 'react'
import type { KeyValue, HttpAuth } from '../../../shared/http'
import type { Inherited, InheritSource } from '../../../shared/inheritance'
import { api } from '../../app/api'
import { useFolderSettingsVersion } from '../collections/FolderSettingsDialog'
import type { Tab } from '../tabs/tabsStore'
import './inherited.css'
import { tr, useT } from '../../i18n'

const authNames: Record<HttpAuth['type'], string> = {
  none: 'authNames.none',
  inherit: 'authNames.inherit',
  basic: 'authNames.basic',
  bearer: 'authNames.bearer',
  apikey: 'authNames.apikey',
  digest: 'authNames.digest',
  oauth2: 'OAuth 2.0',
  awsv4: 'AWS Signature v4'
}

export const sourceText = (source: InheritSource): string => tr('request:inheritedSettings.from', { kind: source.kind, name: source.name })

/** What the tab's saved request inherits (core's answer), read again after settings are saved. */
export function useInherited(tab: Tab): Inherited | undefined {
  const [inherited, setInherited] = useState<Inherited>()
  const version = useFolderSettingsVersion((s) => s.version)
  const collectionId = tab.source?.collectionId
  const path = tab.source?.path
  useEffect(() => {
    setInherited(undefined)
    if (!collectionId || !path) return
    let current = true
    api.call('request.inherited', { collectionId, path }).then(
      (answer) => current && setInherited(answer),
      () => undefined
    )
    return () => {
      current = false
    }
  }, [collectionId, path, version])
  return inherited
}

/** The headers the request inherits, read-only, each with where it comes from. */
export function InheritedHeaders({ inherited, own }: { inherited: Inherited | undefined; own: KeyValue[] }) {
  const { t } = useT('request')
  if (!inherited || inherited.headers.length === 0) return null
  const ownNames = new Set(own.filter((h) => h.enabled && h.name).map((h) => h.name.toLowerCase()))
  return (
    <table className="kv-table inherited-table" aria-label={t('inheritedSettings.inheritedHeaders')}>
      <caption>{t('inheritedSettings.inheritedEditThemIn')}</caption>
      <tbody>
        {inherited.headers.map((h, i) => {
          const overridden = ownNames.has(h.name.toLowerCase())
          return (
            <tr key={`${h.source.path}:${h.name}:${i}`} className={overridden ? 'inherited-overridden' : ''}>
              <td className="inherited-name">{h.name}</td>
              <td className="inherited-value">{h.value}</td>
              <td className="inherited-source">{overridden ? t('inheritedSettings.overriddenHere', { value: sourceText(h.source) }) : sourceText(h.source)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

/** What "Inherit" resolves to for this request, and whose it is. */
export function InheritedAuth({ tab, inherited }: { tab: Tab; inherited: Inherited | undefined }) {
  const { t } = useT('request')
  if (!tab.source)
    return (
      <p className="inherited-note" role="note">
        {t('inheritedSettings.thisRequestIsNot')}
      </p>
    )
  if (!inherited) return null
  const auth = inherited.auth
  return (
    <p className="inherited-note" role="note" aria-label={t('inheritedSettings.inheritedAuth')}>
      {auth ? (
        <>
          {t('inheritedSettings.inherits')} <strong>{t(authNames[auth.auth.type])}</strong>
          {auth.auth.type === 'apikey' && t('inheritedSettings.in', { key: auth.auth.key, in: auth.auth.in })}
          {(auth.auth.type === 'basic' || auth.auth.type === 'digest') &&
            auth.auth.username &&
            t('inheritedSettings.user', { username: auth.auth.username })}{' '}
          {sourceText(auth.source)}.
        </>
      ) : (
        t('inheritedSettings.nothingToInheritNo')
      )}
    </p>
  )
}
