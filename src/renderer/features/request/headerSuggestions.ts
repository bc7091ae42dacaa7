/** Names offered while typing a header: the ones people reach for most. */
export const commonHeaderNames = [
  'Accept',
  'Accept-Encoding',
  'Accept-Language',
  'Authorization',
  'Cache-Control',
  'Content-Type',
  'Cookie',
  'If-Match',
  'If-None-Match',
  'If-Modified-Since',
  'Origin',
  'Referer',
  'User-Agent',
  'X-API-Key',
  'X-Request-ID',
  'X-Forwarded-For'
] as const

export const commonHeaderValues = [
  'application/json',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
  'text/html',
  '*/*',
  'gzip, deflate, br',
  'no-cache',
  'Bearer {{token}}'
] as const
