/** The parts of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) that Parley reads and writes. */

export interface HarNameValue {
  name: string
  value: string
  comment?: string
}

export interface HarParam {
  name: string
  value?: string
  fileName?: string
  contentType?: string
}

export interface HarPostData {
  mimeType: string
  text?: string
  params?: HarParam[]
}

export interface HarRequest {
  method: string
  url: string
  httpVersion: string
  cookies: HarNameValue[]
  headers: HarNameValue[]
  queryString: HarNameValue[]
  postData?: HarPostData
  headersSize: number
  bodySize: number
  comment?: string
}

export interface HarResponse {
  status: number
  statusText: string
  httpVersion: string
  cookies: HarNameValue[]
  headers: HarNameValue[]
  content: { size: number; mimeType: string; text?: string; encoding?: string }
  redirectURL: string
  headersSize: number
  bodySize: number
  comment?: string
}

export interface HarEntry {
  pageref?: string
  startedDateTime: string
  time: number
  request: HarRequest
  response: HarResponse
  cache: Record<string, never>
  timings: { send: number; wait: number; receive: number; blocked?: number; dns?: number; connect?: number; ssl?: number }
  comment?: string
}

export interface HarLog {
  log: {
    version: string
    creator: { name: string; version: string }
    pages?: unknown[]
    entries: HarEntry[]
  }
}
