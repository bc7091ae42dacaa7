import { app, Menu } from 'electron'
import { menuTemplate } from './menuTemplate'

/** Installs the standard menu of menuTemplate.ts. */
export function installMenu(isDevelopment: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, isDevelopment)))
  app.setAboutPanelOptions({ applicationName: 'Parley', applicationVersion: app.getVersion() })
}
