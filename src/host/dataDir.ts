import { homedir } from 'node:os'
import { join } from 'node:path'

/** The same folder Electron's `app.getPath('userData')` gives Parley, so both shells share their data. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['PARLEY_DATA_DIR']) return env['PARLEY_DATA_DIR']
  switch (process.platform) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Parley')
    case 'win32':
      return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Parley')
    default:
      return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'Parley')
  }
}
