/**
 * A streaming JSON pretty-printer: text goes in chunk by chunk (as slices of a body arrive) and lines
 * come out at once. It never builds the parsed value, and it formats invalid JSON as best it can
 * instead of refusing it.
 *
 * Two uses: indexing a whole body (`withText` false: only each line's depth and the offset in the
 * source where it starts are reported, which is cheap enough for 50 MB), and rendering a few lines
 * from such an offset (`withText` true). Every line starts in a clean state (outside any string,
 * no bracket pending), which is what makes restarting from an offset exact.
 */
export class JsonLineFormatter {
  private depth: number
  private line = ''
  private hasContent = false
  private lineStart: number
  private inString = false
  private escaped = false
  /** An opening bracket waiting to see whether its container is empty (`{}` stays on one line). */
  private pendingOpen = 0
  private consumed: number
  /** Nothing written yet: a closing bracket here is the start of an indexed line, already at its depth. */
  private fresh = true

  constructor(
    private readonly emit: (depth: number, start: number, text: string) => void,
    private readonly withText: boolean,
    /** Where the first chunk written sits in the source, and the depth there. */
    origin = 0,
    depth = 0
  ) {
    this.consumed = origin
    this.lineStart = origin
    this.depth = depth
  }

  private flush(): void {
    this.emit(this.depth, this.lineStart, this.line)
    this.line = ''
    this.hasContent = false
  }

  write(chunk: string): void {
    const n = chunk.length
    const base = this.consumed
    const withText = this.withText
    let i = 0
    while (i < n) {
      if (this.inString) {
        let j = i
        if (this.escaped) {
          j++
          this.escaped = false
        }
        for (; j < n; j++) {
          const c = chunk.charCodeAt(j)
          if (c === 34) break
          if (c === 92) {
            if (j + 1 >= n) {
              this.escaped = true
              j = n
              break
            }
            j++
          }
        }
        if (j >= n) {
          if (withText) this.line += chunk.slice(i, n)
          break
        }
        if (withText) this.line += chunk.slice(i, j + 1)
        this.inString = false
        i = j + 1
        continue
      }
      const c = chunk.charCodeAt(i)
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        i++
        continue
      }
      if (!this.hasContent) {
        this.lineStart = base + i
        this.hasContent = true
      }
      const fresh = this.fresh
      this.fresh = false
      if (this.pendingOpen) {
        const open = this.pendingOpen
        this.pendingOpen = 0
        if ((open === 123 && c === 125) || (open === 91 && c === 93)) {
          if (withText) this.line += open === 123 ? '{}' : '[]'
          i++
          continue
        }
        if (withText) this.line += open === 123 ? '{' : '['
        this.flush()
        this.depth++
        this.lineStart = base + i
        this.hasContent = true
      }
      if (c === 34) {
        this.inString = true
        if (withText) this.line += '"'
        i++
        continue
      }
      if (c === 123 || c === 91) {
        this.pendingOpen = c
        i++
        continue
      }
      if (c === 125 || c === 93) {
        if (base + i !== this.lineStart) {
          this.flush()
          this.lineStart = base + i
          this.hasContent = true
        }
        if (!fresh) this.depth = Math.max(0, this.depth - 1)
        if (withText) this.line = c === 125 ? '}' : ']'
        i++
        continue
      }
      if (c === 44) {
        if (withText) this.line += ','
        this.flush()
        i++
        continue
      }
      if (c === 58) {
        if (withText) this.line += ': '
        i++
        continue
      }
      // Numbers, true, false, null (and whatever else an invalid document holds): copy a run.
      let j = i + 1
      for (; j < n; j++) {
        const d = chunk.charCodeAt(j)
        if (d === 44 || d === 58 || d === 125 || d === 93 || d === 123 || d === 91 || d === 34 || d === 32 || d === 10 || d === 13 || d === 9) break
      }
      if (withText) this.line += chunk.slice(i, j)
      i = j
    }
    this.consumed = base + n
  }

  /** Flushes whatever is left once the last chunk has been written. */
  end(): void {
    if (this.pendingOpen) {
      if (this.withText) this.line += this.pendingOpen === 123 ? '{' : '['
      this.pendingOpen = 0
      this.hasContent = true
    }
    if (this.hasContent) this.flush()
  }
}
