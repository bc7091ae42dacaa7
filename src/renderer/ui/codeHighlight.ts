import { HighlightStyle } from '@codemirror/language'
import { tags } from '@lezer/highlight'

/** Syntax colours from CSS variables (--syn-*), so one style serves the light and the dark theme. */
export const codeHighlightStyle = HighlightStyle.define([
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--syn-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--syn-number)' },
  { tag: [tags.propertyName, tags.attributeName], color: 'var(--syn-property)' },
  { tag: [tags.keyword, tags.operatorKeyword, tags.modifier], color: 'var(--syn-keyword)' },
  { tag: [tags.tagName, tags.typeName, tags.className], color: 'var(--syn-tag)' },
  { tag: [tags.comment, tags.meta, tags.documentMeta], color: 'var(--syn-comment)', fontStyle: 'italic' },
  { tag: [tags.variableName, tags.definition(tags.variableName)], color: 'var(--syn-variable)' },
  { tag: [tags.punctuation, tags.bracket, tags.angleBracket, tags.separator], color: 'var(--syn-punct)' },
  { tag: tags.invalid, color: 'var(--error)' }
])
