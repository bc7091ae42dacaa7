import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { installBridge } from './app/api'
import { useConnection } from './app/connectionStore'
import { createHostBridge } from './app/hostBridge'
import './app/styles.css'
import { initI18n } from './i18n'

// Electron's preload puts the bridge on window; in a plain browser the host's WebSocket carries it.
if (window.parley) {
  installBridge(window.parley)
  useConnection.getState().set('connected')
} else {
  installBridge(createHostBridge(window.location))
}

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
// The first render waits for the current language's catalogs (one small chunk), so no key ever shows.
void initI18n().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>
  )
)
