import type { Catalog } from '../setup'

/** Every English catalog by namespace: one chunk, loaded when English is first used (setup.ts). */
export default import.meta.glob<Catalog>('../locales/en/*.json', { eager: true, import: 'default' })
