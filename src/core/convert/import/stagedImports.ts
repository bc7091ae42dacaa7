import { randomBytes } from 'node:crypto'
import { importMaxChars } from '../../../shared/convert'
import { ParleyError } from '../../../shared/errors'

/** How many texts sent in parts are kept at once; starting another forgets the oldest. */
const keptTexts = 2

/**
 * Import texts too long for one call (a big file chosen in the Import dialog), sent in parts with
 * import.begin and import.append, then named by import.detect, preview and run. Held in memory:
 * the dialog detects, previews and runs the same text, and a newer text replaces the oldest.
 */
export class StagedImports {
  private readonly texts = new Map<string, { parts: string[]; chars: number }>()

  begin(): { importId: string } {
    const importId = randomBytes(12).toString('hex')
    this.texts.set(importId, { parts: [], chars: 0 })
    for (const old of this.texts.keys()) {
      if (this.texts.size <= keptTexts) break
      this.texts.delete(old)
    }
    return { importId }
  }

  /** Adds the next part; returns the length so far. */
  append(importId: string, text: string): { chars: number } {
    const staged = this.staged(importId)
    if (staged.chars + text.length > importMaxChars) {
      this.texts.delete(importId)
      throw new ParleyError(
        'import_too_large',
        `This file is longer than ${importMaxChars.toLocaleString('en')} characters (about 50 MB), the most Parley imports at once.`,
        'Split it (for example, export folders or environments separately) and import the parts one by one.'
      )
    }
    staged.parts.push(text)
    staged.chars += text.length
    return { chars: staged.chars }
  }

  /** The text a call names: given whole, or the one sent in parts under importId. */
  resolve(input: { text?: string | undefined; importId?: string | undefined }): string {
    if (input.importId === undefined) return input.text ?? ''
    const staged = this.staged(input.importId)
    // Joined once: detect, preview and run read the same text.
    if (staged.parts.length > 1) staged.parts.splice(0, staged.parts.length, staged.parts.join(''))
    return staged.parts[0] ?? ''
  }

  private staged(importId: string): { parts: string[]; chars: number } {
    const staged = this.texts.get(importId)
    if (!staged) {
      throw new ParleyError(
        'unknown_import',
        `There is no text being imported with id ${importId}; a newer import may have replaced it.`,
        'Choose the file again.'
      )
    }
    return staged
  }
}
