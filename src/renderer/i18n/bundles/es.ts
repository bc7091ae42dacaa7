import type { Catalog } from '../setup'

/** Every Spanish catalog by namespace: one chunk, loaded when Spanish is first used (setup.ts). */
export default import.meta.glob<Catalog>('../locales/es/*.json', { eager: true, import: 'default' })
