/**
 * The learning path ("Learn" / "Aprende"): short steps that follow the course, each with one action
 * that does the thing in the playground. Titles and texts live in the `learn` catalog under
 * `steps.<id>`; this file says only what each step does.
 */

/** An HTTP request a step sends; `path` is relative to the playground's address. */
export interface LearnHttp {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  path: string
  headers: { name: string; value: string }[]
  /** JSON text, or none. */
  body?: string
  /** The statuses a learner sees pressing the button (again): the first one, then the repeats. */
  expect: number[]
}

export type LearnAction =
  /** Opens a saved request of the sample collection (or a new tab with `http`) and sends it. */
  | { kind: 'http'; file?: string; http: LearnHttp }
  /** Opens a saved realtime request of the sample collection and connects. */
  | { kind: 'listen'; file: string }
  /** Opens the Chat request twice side by side, connects both; the left one emits chat:send. */
  | { kind: 'broadcast'; file: string }
  /** Opens the Chat request, connects, and emits chat:send asking for an acknowledgement. */
  | { kind: 'ack'; file: string }

export interface LearnStep {
  id: string
  action: LearnAction
}

const json = [{ name: 'Content-Type', value: 'application/json' }]

export const learnSteps: readonly LearnStep[] = [
  {
    id: 'api',
    action: { kind: 'http', file: 'rest/list-notes.yaml', http: { method: 'GET', path: '/api/notes?page=1&limit=10', headers: [], expect: [200] } }
  },
  {
    id: 'create',
    action: {
      kind: 'http',
      file: 'rest/create-a-note.yaml',
      http: {
        method: 'POST',
        path: '/api/notes',
        headers: json,
        body: '{\n  "title": "My first note",\n  "body": "Written with Parley"\n}',
        expect: [201, 409]
      }
    }
  },
  {
    id: 'stale',
    action: {
      kind: 'http',
      http: {
        method: 'PATCH',
        path: '/api/notes/2',
        // Note 2 starts at version 1 ("2-v1"): an If-Match naming an older version is a lost update.
        headers: [...json, { name: 'If-Match', value: '"2-v0"' }],
        body: '{\n  "title": "A change based on an old copy"\n}',
        expect: [412]
      }
    }
  },
  {
    id: 'delete',
    action: { kind: 'http', file: 'rest/delete-a-note.yaml', http: { method: 'DELETE', path: '/api/notes/1', headers: [], expect: [204, 404] } }
  },
  { id: 'push', action: { kind: 'listen', file: 'socket-io/ticker.yaml' } },
  { id: 'broadcast', action: { kind: 'broadcast', file: 'socket-io/chat.yaml' } },
  { id: 'ack', action: { kind: 'ack', file: 'socket-io/chat.yaml' } },
  { id: 'sse', action: { kind: 'listen', file: 'sse/clock.yaml' } }
]

export const learnStepIds = learnSteps.map((s) => s.id)
