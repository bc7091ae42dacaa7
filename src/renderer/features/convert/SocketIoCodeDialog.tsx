import { useEffect, useState } from 'react'
import { SocketIoRequestSchema } from '../../../shared/realtime'
import type { SavedRequestInput } from '../../../shared/collection'
import { api } from '../../app/api'
import { CodeEditor } from '../../ui/CodeEditor'
import { Dialog } from '../../ui/Dialog'
import { useT } from '../../i18n'

/** A socket.io-client script for the session as composed: connect, listen, emit with acks. */
export function SocketIoCodeDialog({ request, onClose }: { request: SavedRequestInput | undefined; onClose(): void }) {
  const { t } = useT('convert')
  const [code, setCode] = useState('')
  const [error, setError] = useState<string>()
  const requestJson = JSON.stringify(request ?? null)
  useEffect(() => {
    const parsed = SocketIoRequestSchema.safeParse(JSON.parse(requestJson))
    if (!parsed.success) return setError(t('socketIoCodeDialog.thisTabHasNo'))
    api.call('export.socketioSnippet', { request: parsed.data }).then(
      (r) => setCode(r.code),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e))
    )
  }, [requestJson])
  return (
    <Dialog title={t('socketIoCodeDialog.socketIoClientCode')} open onClose={onClose}>
      <div className="convert-form code-dialog">
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        <div className="editor-frame code-frame">
          <CodeEditor label={t('socketIoCodeDialog.generatedCode')} language="javascript" value={code} readOnly />
        </div>
        <div className="dialog-actions">
          <button type="button" className="primary-button" onClick={() => void navigator.clipboard.writeText(code)}>
            {t('socketIoCodeDialog.copyCode')}
          </button>
        </div>
      </div>
    </Dialog>
  )
}
