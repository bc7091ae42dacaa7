import { useEffect, useState } from 'react'
import { create } from 'zustand'
import type { FolderSettings } from '../../../shared/collection'
import { api } from '../../app/api'
import { Dialog } from '../../ui/Dialog'
import { KeyValueTable } from '../../ui/KeyValueTable'
import { VariablesEditor } from '../environments/VariablesEditor'
import { AuthEditor } from '../request/AuthEditor'
import { ScriptsEditor } from '../request/ScriptsEditor'
import { commonHeaderNames, commonHeaderValues } from '../request/headerSuggestions'
import { errorText, useCollections } from './collectionsStore'
import { useT } from '../../i18n'

/** Bumped on every save, so views of what requests inherit read it again. */
export const useFolderSettingsVersion = create<{ version: number }>(() => ({ version: 0 }))

const sections = ['Variables', 'Headers', 'Auth', 'Scripts'] as const
type Section = (typeof sections)[number]

export interface FolderSettingsTarget {
  collectionId: string
  /** "" for the collection itself. */
  path: string
  name: string
}

/**
 * A collection's or folder's settings: variables (with the secret switch), default headers and
 * auth, which every request inside inherits. Read with folder.read, written with folder.save.
 */
export function FolderSettingsDialog({ target, onClose }: { target: FolderSettingsTarget | undefined; onClose(): void }) {
  const { t } = useT('collections')
  const [settings, setSettings] = useState<FolderSettings>()
  const [section, setSection] = useState<Section>('Variables')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const collectionId = target?.collectionId
  const path = target?.path
  useEffect(() => {
    setSettings(undefined)
    setError(undefined)
    setSection('Variables')
    if (collectionId === undefined || path === undefined) return
    api.call('folder.read', { collectionId, path }).then(
      ({ order: _order, ...read }) => setSettings(read),
      (e: unknown) => setError(errorText(e))
    )
  }, [collectionId, path])
  const isCollection = target?.path === ''
  const save = async (): Promise<void> => {
    if (!target || !settings) return
    setBusy(true)
    setError(undefined)
    try {
      await api.call('folder.save', { collectionId: target.collectionId, path: target.path, settings })
      useFolderSettingsVersion.setState((s) => ({ version: s.version + 1 }))
      await useCollections.getState().refreshOne(target.collectionId)
      onClose()
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  const change = (patch: Partial<FolderSettings>): void => setSettings((s) => (s ? { ...s, ...patch } : s))
  return (
    <Dialog
      title={
        target
          ? isCollection
            ? t('folderSettingsDialog.collectionSettings', { name: target.name })
            : t('folderSettingsDialog.folderSettings', { name: target.name })
          : t('folderSettingsDialog.settings2')
      }
      open={target !== undefined}
      onClose={onClose}
    >
      {target && (
        <form
          className="folder-settings"
          aria-label={t('folderSettingsDialog.settingsOf', { name: target.name })}
          onSubmit={(event) => {
            event.preventDefault()
            void save()
          }}
        >
          <p className="field-hint folder-settings-hint">
            {isCollection ? t('folderSettingsDialog.inheritsCollection') : t('folderSettingsDialog.inheritsFolder')}
          </p>
          <div role="tablist" aria-label={t('folderSettingsDialog.settingsSections')} className="section-tabs">
            {sections.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={section === name}
                className={`section-tab ${section === name ? 'section-tab-active' : ''}`}
                onClick={() => setSection(name)}
              >
                {t(`folderSettingsDialog.sections.${name}`)}
                {settings && name === 'Variables' && settings.variables.length > 0 && <span className="count-badge">{settings.variables.length}</span>}
                {settings && name === 'Headers' && settings.headers.length > 0 && <span className="count-badge">{settings.headers.length}</span>}
                {settings && name === 'Auth' && settings.auth.type !== 'none' && settings.auth.type !== 'inherit' && (
                  <span className="count-badge">{settings.auth.type}</span>
                )}
                {settings && name === 'Scripts' && [settings.scripts?.pre, settings.scripts?.post].some((code) => code?.trim()) && (
                  <span className="count-badge">{t('folderSettingsDialog.on')}</span>
                )}
              </button>
            ))}
          </div>
          <div className="folder-settings-body" role="tabpanel" aria-label={t(`folderSettingsDialog.sections.${section}`)}>
            {!settings && !error && <p className="muted">{t('folderSettingsDialog.loading')}</p>}
            {settings && section === 'Variables' && (
              <>
                <VariablesEditor
                  label={isCollection ? t('folderSettingsDialog.collectionVariables') : t('folderSettingsDialog.folderVariables')}
                  variables={settings.variables}
                  onChange={(variables) => change({ variables })}
                />
                <p className="field-hint">{isCollection ? t('folderSettingsDialog.secretCollection') : t('folderSettingsDialog.secretFolder')}</p>
              </>
            )}
            {settings && section === 'Headers' && (
              <KeyValueTable
                label={t('folderSettingsDialog.header')}
                rows={settings.headers}
                onChange={(headers) => change({ headers })}
                nameSuggestions={commonHeaderNames}
                valueSuggestions={commonHeaderValues}
                bulkEdit
                namePlaceholder={t('folderSettingsDialog.addDefaultHeader')}
              />
            )}
            {settings && section === 'Scripts' && (
              <>
                <ScriptsEditor owner={isCollection ? 'collection' : 'folder'} scripts={settings.scripts ?? {}} onChange={(scripts) => change({ scripts })} />
                <p className="field-hint">{t(isCollection ? 'folderSettingsDialog.scriptsHintCollection' : 'folderSettingsDialog.scriptsHintFolder')}</p>
              </>
            )}
            {settings && section === 'Auth' && (
              <AuthEditor
                auth={settings.auth}
                onChange={(auth) => change({ auth })}
                inheritLabel={isCollection ? null : t('folderSettingsDialog.inheritFromTheParent')}
                // "Get new token" here: the token is kept under these OAuth settings, resolved with this folder's
                // variables, which is what every request inheriting them resolves to and sends.
                target={{
                  request: { method: 'GET', url: '', auth: settings.auth },
                  context: { collectionId: target.collectionId, ...(target.path ? { path: target.path } : {}) }
                }}
              />
            )}
          </div>
          {error && (
            <p role="alert" className="form-dialog-error">
              {error}
            </p>
          )}
          <div className="form-dialog-actions">
            <button type="button" className="secondary-button" onClick={onClose}>
              {t('folderSettingsDialog.cancel')}
            </button>
            <button type="submit" className="primary-button" disabled={!settings || busy}>
              {t('folderSettingsDialog.save')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  )
}
