import type { Variable, VariableSource } from '../../shared/collection'
import type { ParleyError } from '../../shared/errors'

/** One set of variables and where it comes from. */
export interface VariableLayer {
  source: Exclude<VariableSource, 'dynamic'>
  variables: (Variable & { unreadable?: ParleyError })[]
  /** Where this layer lives, as a user would look for it: `environment "Local"`. */
  label?: string
}

export interface FoundVariable {
  value: string
  source: VariableSource
  secret: boolean
  /** A secret stored here that this shell cannot decrypt: using it is an error, not an empty value. */
  unreadable?: ParleyError
}

/**
 * The variables visible to a request, as layers from least to most specific:
 * global < collection < environment < folder (outermost to innermost). The most specific enabled
 * definition of a name wins, as in Bruno; disabled variables are ignored entirely.
 */
export class VariableScope {
  private readonly index = new Map<string, FoundVariable>()
  /** The places a missing name was looked for, for the error that says so. */
  readonly searched: string

  /** `note` adds what did not take part and why (no environment selected, say). */
  constructor(layers: VariableLayer[], note?: string) {
    const labels = layers.flatMap((layer) => (layer.label ? [layer.label] : []))
    const list = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}` : (labels[0] ?? '')
    this.searched = list ? `${list}${note ? ` (${note})` : ''}` : ''
    for (const layer of layers) {
      for (const variable of layer.variables) {
        if (!variable.enabled) continue
        this.index.set(variable.name, {
          value: variable.value,
          source: layer.source,
          secret: variable.secret,
          ...(variable.unreadable ? { unreadable: variable.unreadable } : {})
        })
      }
    }
  }

  /** The winning definition of a name, or undefined. */
  lookup(name: string): FoundVariable | undefined {
    return this.index.get(name)
  }

  /** Every visible name, for completion in the editor. */
  names(): string[] {
    return [...this.index.keys()].sort()
  }
}
