/** The colour family of a status code: 2xx green, 3xx blue, 4xx amber, 5xx red. */
export function statusClass(status: number): string {
  if (status >= 500) return 'rp-status-5xx'
  if (status >= 400) return 'rp-status-4xx'
  if (status >= 300) return 'rp-status-3xx'
  if (status >= 200) return 'rp-status-2xx'
  return 'rp-status-1xx'
}
