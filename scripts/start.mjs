// `npm start`. Plain JavaScript, so that even a Node.js too old for the rest gets a clear message.
import { readFileSync } from 'node:fs'

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const minimum = /(\d+)\.(\d+)/.exec(engines.node)
const [major, minor] = process.versions.node.split('.').map(Number)
if (minimum && (major < Number(minimum[1]) || (major === Number(minimum[1]) && minor < Number(minimum[2])))) {
  console.error(
    `npm start: Parley needs Node.js ${minimum[1]}.${minimum[2]} or newer (this is ${process.versions.node}). ` +
      'Install a current LTS from https://nodejs.org and run npm start again.'
  )
  process.exit(1)
}
const { register } = await import('tsx/esm/api')
register()
await import('./start.ts')
