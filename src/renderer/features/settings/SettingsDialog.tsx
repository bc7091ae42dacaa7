import { useEffect, useState } from 'react'
import type { Settings } from '../../../shared/app'
import { api } from '../../app/api'
import { callOrReport } from '../../app/callOrReport'
import { Dialog } from '../../ui/Dialog'
import { ResponseHistorySettings } from '../compare/ResponseHistorySettings'
import { chooseLanguage, useLanguage } from '../../app/language'
import { useT, type TFunction } from '../../i18n'
import { errorText } from '../../i18n/errors'
import { LanguageSchema } from '../../../shared/app'

const MB = 1024 * 1024

/** A whole number of at least 0 typed in a field, or undefined when it is not one. */
function wholeNumber(text: string): number | undefined {
  const value = Number(text)
  return text.trim() !== '' && Number.isFinite(value) && value >= 0 ? value : undefined
}

/** App-wide switches: TLS verification, the proxy and the response limits for every request that does not set its own. */
export function SettingsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [settings, setSettings] = useState<Settings>()
  const [proxyUrl, setProxyUrl] = useState('')
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string }>()
  const { t } = useT('settings')
  const language = useLanguage((s) => s.language)

  useEffect(() => {
    if (!open) return
    api.call('settings.get').then(
      (value) => {
        setSettings(value)
        setProxyUrl(value.proxyUrl)
      },
      (error: unknown) => setMessage({ kind: 'alert', text: errorText(error) })
    )
  }, [open])

  const save = async (patch: Partial<Settings>, done: string): Promise<void> => {
    const before = settings
    const next = await callOrReport(
      (error) => {
        setSettings(before)
        setMessage({ kind: 'alert', text: errorText(error) })
      },
      'settings.update',
      patch
    )
    if (!next) return
    setSettings(next)
    setMessage({ kind: 'status', text: done })
  }

  return (
    <Dialog title={t('title')} open={open} onClose={onClose}>
      <label className="form-row">
        <span>{t('language.label')}</span>
        <select
          value={language}
          onChange={(event) => {
            const next = LanguageSchema.parse(event.target.value)
            chooseLanguage(next).catch((error: unknown) => setMessage({ kind: 'alert', text: errorText(error) }))
          }}
        >
          <option value="system">{t('language.system')}</option>
          <option value="en" lang="en">
            English
          </option>
          <option value="es" lang="es">
            Español
          </option>
        </select>
      </label>
      {settings && (
        <form
          className="settings-editor"
          onSubmit={(event) => {
            event.preventDefault()
            void save({ proxyUrl }, proxyUrl ? t('proxy.saved', { proxyUrl }) : t('proxy.cleared'))
          }}
        >
          <label className="check-row">
            <input
              type="checkbox"
              checked={settings.verifyTls}
              onChange={(event) => {
                const verifyTls = event.target.checked
                // Shown at once; core's answer (or its refusal) follows.
                setSettings({ ...settings, verifyTls })
                void save({ verifyTls }, verifyTls ? t('tls.on') : t('tls.off'))
              }}
            />
            {t('tls.label')}
          </label>
          <label className="form-row">
            <span>{t('proxy.label')}</span>
            <input value={proxyUrl} placeholder={t('proxy.placeholder')} spellCheck={false} onChange={(event) => setProxyUrl(event.target.value)} />
          </label>
          <div className="dialog-actions">
            <button type="submit" className="primary-button">
              {t('proxy.save')}
            </button>
          </div>
          <p className="muted">{t('proxy.note')}</p>
        </form>
      )}
      {settings && <ResponseLimits settings={settings} save={save} t={t} />}
      {settings && <ResponseHistorySettings />}
      {message && (
        <p role={message.kind} className={message.kind === 'alert' ? 'error-text' : 'muted'}>
          {message.text}
        </p>
      )}
    </Dialog>
  )
}

/** The response size limit, idle timeout and decompression ratio, saved together. */
function ResponseLimits({ settings, save, t }: { settings: Settings; save(patch: Partial<Settings>, done: string): Promise<void>; t: TFunction }) {
  const [sizeMb, setSizeMb] = useState(String(Math.round((settings.maxResponseBytes / MB) * 100) / 100))
  const [idleSeconds, setIdleSeconds] = useState(String(settings.idleTimeoutMs / 1000))
  const [ratio, setRatio] = useState(String(settings.maxDecompressionRatio))
  const [problem, setProblem] = useState<string>()
  return (
    <form
      className="settings-editor"
      aria-label={t('limits.label')}
      onSubmit={(event) => {
        event.preventDefault()
        const mb = wholeNumber(sizeMb)
        const seconds = wholeNumber(idleSeconds)
        const maxRatio = wholeNumber(ratio)
        if (mb === undefined || seconds === undefined || maxRatio === undefined) {
          setProblem(t('limits.problem'))
          return
        }
        setProblem(undefined)
        void save({ maxResponseBytes: Math.round(mb * MB), idleTimeoutMs: Math.round(seconds * 1000), maxDecompressionRatio: maxRatio }, t('limits.saved'))
      }}
    >
      <label className="form-row">
        <span>{t('limits.size')}</span>
        <input type="number" min={0} step="any" value={sizeMb} onChange={(event) => setSizeMb(event.target.value)} />
      </label>
      <label className="form-row">
        <span>{t('limits.idle')}</span>
        <input type="number" min={0} step="any" value={idleSeconds} onChange={(event) => setIdleSeconds(event.target.value)} />
      </label>
      <label className="form-row">
        <span>{t('limits.ratio')}</span>
        <input type="number" min={0} step="any" value={ratio} onChange={(event) => setRatio(event.target.value)} />
      </label>
      {problem && (
        <p role="alert" className="error-text">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        <button type="submit" className="primary-button">
          {t('limits.save')}
        </button>
      </div>
      <p className="muted">{t('limits.note')}</p>
    </form>
  )
}
