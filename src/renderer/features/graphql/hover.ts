import { hoverTooltip } from '@codemirror/view'
import { getSchema, offsetToPos } from 'cm6-graphql'
// graphql-language-service comes with cm6-graphql (which builds on it): the same engine gives hover text.
import { getHoverInformation } from 'graphql-language-service'

/** Hover docs in the GraphQL editor: the field, argument or type under the pointer, with its description. */
export const graphqlHover = hoverTooltip((view, pos) => {
  const schema = getSchema(view.state)
  if (!schema) return null
  const word = view.state.wordAt(pos)
  if (!word) return null
  const info = getHoverInformation(schema, view.state.doc.toString(), offsetToPos(view.state.doc, pos) as never)
  const text = typeof info === 'string' ? info : Array.isArray(info) ? info.join('\n\n') : ''
  if (!text.trim()) return null
  return {
    pos: word.from,
    end: word.to,
    above: true,
    create() {
      const dom = document.createElement('div')
      dom.className = 'gql-hover'
      dom.setAttribute('role', 'tooltip')
      dom.textContent = text
      return { dom }
    }
  }
})
