import { chooseBrowser, type Installer } from './browserPlan'
import { browserFactsNow, playwrightDownloadReachable, runInstaller } from './installedBrowser'

/**
 * Runs before the end-to-end suite (`npm test`): finds a browser or fetches one, says in one line which,
 * or stops with the one command to run. playwright.config.ts then picks the same browser.
 */
const tried: Installer[] = []
let facts = browserFactsNow()
for (;;) {
  const choice = chooseBrowser(facts, tried)
  if (choice.kind === 'use') {
    console.log(choice.line)
    break
  }
  if (choice.kind === 'fail') {
    console.error(choice.message)
    process.exit(1)
  }
  if (choice.kind === 'probe') {
    facts = { ...facts, playwrightReachable: await playwrightDownloadReachable() }
    continue
  }
  console.log(choice.line)
  tried.push(choice.installer)
  runInstaller(choice.installer)
  facts = { ...browserFactsNow(), playwrightReachable: facts.playwrightReachable }
}
