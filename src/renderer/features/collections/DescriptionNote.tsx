import { useState } from 'react'
import { descriptionIn } from '../../../shared/collection'
import { useT } from '../../i18n'
import { useTabs } from '../tabs/tabsStore'
import './description.css'

/** A saved request's description, in the interface language when the file has it; two lines until opened. */
export function DescriptionNote({ tabId }: { tabId: string }) {
  const { t, language } = useT('learn')
  const saved = useTabs((s) => s.tabs.find((tab) => tab.id === tabId)?.saved)
  const [open, setOpen] = useState(false)
  const text = saved ? descriptionIn(saved, language) : ''
  if (!text.trim()) return null
  return (
    <div className={`description-note ${open ? 'description-note-open' : ''}`}>
      <p className="description-note-text" aria-label={t('description.label')}>
        {text}
      </p>
      <button type="button" className="link-button description-note-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t('description.less') : t('description.more')}
      </button>
    </div>
  )
}
