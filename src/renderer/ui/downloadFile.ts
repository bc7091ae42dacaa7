/** Offers data as a file download; the browser (or Electron's save dialog) asks where. */
export function downloadFile(data: BlobPart, filename: string, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([data], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.click()
  // The download has started by the time this runs; the URL only keeps the blob alive.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
