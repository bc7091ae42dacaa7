import { useEffect, useState } from 'react'
import type { BodyModel } from './bodyModel'
import type { PreviewKind } from './contentKind'
import { formatBytes } from './contentKind'
import { useT } from '../../i18n'

/** Scripts, network, forms and frames off; inline styles and data: images on. */
export const PREVIEW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
/** Larger HTML is not previewed: a page that big is for reading as text. */
const MAX_HTML_PREVIEW = 5 * 1024 * 1024

/** The body rendered the way a browser would, but with nothing allowed to run or reach out. */
export function PreviewView({ model, kind, contentType, ready }: { model: BodyModel; kind: PreviewKind; contentType: string; ready: boolean }) {
  const { t } = useT('response')
  if (!ready) return <p className="muted rp-panel-empty">{t('previewView.thePreviewOpensOnce')}</p>
  if (kind === 'html') return <HtmlPreview model={model} />
  if (kind === 'image' || kind === 'pdf') return <BlobPreview model={model} kind={kind} contentType={contentType} />
  return <p className="muted rp-panel-empty">{t('previewView.noPreview', { contentType: contentType || t('previewView.thisContentType') })}</p>
}

function HtmlPreview({ model }: { model: BodyModel }) {
  const { t } = useT('response')
  const [doc, setDoc] = useState<{ html: string; truncated: boolean }>()
  useEffect(() => {
    let live = true
    void model.ask({ op: 'text', view: 'raw', maxChars: MAX_HTML_PREVIEW }).then((answer) => {
      if (!live) return
      // The policy goes first, before anything in the page can ask for a script or a request.
      // Markup, not a message: the CSP meta tag must reach the sandboxed frame exactly as written.
      setDoc({ html: `<!doctype html><meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">${answer.text}`, truncated: answer.truncated })
    })
    return () => {
      live = false
    }
  }, [model])
  if (!doc) return <p className="muted rp-panel-empty">{t('previewView.preparingThePreview')}</p>
  return (
    <div className="rp-preview-wrap">
      <p className="rp-preview-note muted">
        {t('previewView.sandboxedPreviewScriptsForms')}
        {doc.truncated ? t('previewView.onlyTheFirstAre', { size: formatBytes(MAX_HTML_PREVIEW) }) : ''}
      </p>
      <iframe className="rp-preview-frame" title={t('previewView.htmlPreview')} sandbox="" srcDoc={doc.html} referrerPolicy="no-referrer" />
    </div>
  )
}

function BlobPreview({ model, kind, contentType }: { model: BodyModel; kind: 'image' | 'pdf'; contentType: string }) {
  const { t } = useT('response')
  const [url, setUrl] = useState<string>()
  const [size, setSize] = useState<string>()
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let live = true
    let created: string | undefined
    void model.ask({ op: 'bytes' }).then((answer) => {
      if (!live) return
      created = URL.createObjectURL(new Blob([answer.buffer], { type: contentType }))
      setUrl(created)
    })
    return () => {
      live = false
      if (created) URL.revokeObjectURL(created)
    }
  }, [model, contentType])
  if (!url) return <p className="muted rp-panel-empty">{t('previewView.preparingThePreview')}</p>
  if (kind === 'pdf') return <iframe className="rp-preview-frame" title={t('previewView.pdfPreview')} src={url} />
  return (
    <div className="rp-image-preview">
      {failed ? (
        <p className="error-text">{t('previewView.thisImageCouldNot', { contentType })}</p>
      ) : (
        <img
          src={url}
          alt={t('previewView.responseImage')}
          onLoad={(event) =>
            setSize(t('previewView.px', { naturalWidth: event.currentTarget.naturalWidth, naturalHeight: event.currentTarget.naturalHeight, contentType }))
          }
          onError={() => setFailed(true)}
        />
      )}
      {size && <p className="muted rp-image-size">{size}</p>}
    </div>
  )
}
