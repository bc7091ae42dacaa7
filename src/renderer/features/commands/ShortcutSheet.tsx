import { Dialog } from '../../ui/Dialog'
import { keyLabel, shortcutGroups } from './shortcutList'
import './commands.css'

/** Every shortcut, with the alternatives a browser leaves free (Alt+T, Alt+W). */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" open onClose={onClose}>
      <div className="shortcut-sheet">
        {shortcutGroups.map((group) => (
          <section key={group.title} aria-label={group.title}>
            <h3>{group.title}</h3>
            <table>
              <tbody>
                {group.shortcuts.map((shortcut) => (
                  <tr key={shortcut.does}>
                    <td className="shortcut-keys">
                      {shortcut.keys.map((combo, i) => (
                        <span key={combo.join('+')}>
                          {i > 0 && <span className="muted"> or </span>}
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
                      {shortcut.does}
                      {shortcut.where && <span className="muted"> ({shortcut.where})</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
        <p className="muted shortcut-note">
          In a browser, Ctrl+T and Ctrl+W belong to the browser itself: use Alt+T and Alt+W there.
        </p>
      </div>
    </Dialog>
  )
}
