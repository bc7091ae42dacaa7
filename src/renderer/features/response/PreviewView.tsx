import { useEffect, useState } from 'react'
import type { BodyModel } from './bodyModel'
import type { PreviewKind } from './contentKind'
import { formatBytes } from './contentKind'

/** Scripts, network, forms and frames off; inline styles and data: images on. */
export const PREVIEW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
/** Larger HTML is not previewed: a page that big is for reading as text. */
const MAX_HTML_PREVIEW = 5 * 1024 * 1024

/** The body rendered the way a browser would, but with nothing allowed to run or reach out. */
export function PreviewView({ model, kind, contentType, ready }: { model: BodyModel; kind: PreviewKind; contentType: string; ready: boolean }) {
  if (!ready) return <p className="muted rp-panel-empty">The preview opens once the whole body has arrived…</p>
  if (kind === 'html') return <HtmlPreview model={model} />
  if (kind === 'image' || kind === 'pdf') return <BlobPreview model={model} kind={kind} contentType={contentType} />
  return <p className="muted rp-panel-empty">No preview for {contentType || 'this content type'}. Pretty and Raw show the body as text or bytes.</p>
}

function HtmlPreview({ model }: { model: BodyModel }) {
  const [doc, setDoc] = useState<{ html: string; truncated: boolean }>()
  useEffect(() => {
    let live = true
    void model.ask({ op: 'text', view: 'raw', maxChars: MAX_HTML_PREVIEW }).then((answer) => {
      if (!live) return
      // The policy goes first, before anything in the page can ask for a script or a request.
      setDoc({ html: `<!doctype html><meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">${answer.text}`, truncated: answer.truncated })
    })
    return () => {
      live = false
    }
  }, [model])
  if (!doc) return <p className="muted rp-panel-empty">Preparing the preview…</p>
  return (
    <div className="rp-preview-wrap">
      <p className="rp-preview-note muted">Sandboxed preview: scripts, forms and network requests are off.{doc.truncated ? ` Only the first ${formatBytes(MAX_HTML_PREVIEW)} are shown.` : ''}</p>
      <iframe className="rp-preview-frame" title="HTML preview" sandbox="" srcDoc={doc.html} referrerPolicy="no-referrer" />
    </div>
  )
}

function BlobPreview({ model, kind, contentType }: { model: BodyModel; kind: 'image' | 'pdf'; contentType: string }) {
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
  if (!url) return <p className="muted rp-panel-empty">Preparing the preview…</p>
  if (kind === 'pdf') return <iframe className="rp-preview-frame" title="PDF preview" src={url} />
  return (
    <div className="rp-image-preview">
      {failed ? (
        <p className="error-text">This image could not be decoded as {contentType}.</p>
      ) : (
        <img
          src={url}
          alt="Response image"
          onLoad={(event) => setSize(`${event.currentTarget.naturalWidth} × ${event.currentTarget.naturalHeight} px · ${contentType}`)}
          onError={() => setFailed(true)}
        />
      )}
      {size && <p className="muted rp-image-size">{size}</p>}
    </div>
  )
}
