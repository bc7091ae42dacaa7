import { Dialog } from '../../ui/Dialog'
import { keyLabel, shortcutGroups } from './shortcutList'
import './commands.css'
import { useT } from '../../i18n'

/** Every shortcut, with the alternatives a browser leaves free (Alt+T, Alt+W). */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const { t } = useT('commands')
  return (
    <Dialog title={t('shortcutSheet.keyboardShortcuts')} open onClose={onClose}>
      <div className="shortcut-sheet">
        {shortcutGroups.map((group) => (
          <section key={group.title} aria-label={t(`shortcuts.${group.title}`)}>
            <h3>{t(`shortcuts.${group.title}`)}</h3>
            <table>
              <tbody>
                {group.shortcuts.map((shortcut) => (
                  <tr key={shortcut.does}>
                    <td className="shortcut-keys">
                      {shortcut.keys.map((combo, i) => (
                        <span key={combo.join('+')}>
                          {i > 0 && <span className="muted"> {t('shortcutSheet.or')} </span>}
                          {combo.map((key, j) => (
                            <span key={key}>
                              {j > 0 && '+'}
                              <kbd>{keyLabel(key)}</kbd>
                            </span>
                          ))}
                        </span>
                      ))}
                    </td>
                    <td>
                      {t(`shortcuts.${shortcut.does}`)}
                      {shortcut.where && <span className="muted"> ({t(`shortcuts.${shortcut.where}`)})</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
        <p className="muted shortcut-note">{t('shortcutSheet.inABrowserCtrl')}</p>
      </div>
    </Dialog>
  )
}
