/**
 * `parley run`'s English texts, as ICU messages (intl-messageformat): plurals, `{n, number}` and
 * `{at, date}` follow the chosen language. `es.ts` has the same keys; test/unit/cli/messages.test.ts
 * checks that both have the same keys and arguments.
 */
export const en = {
  usage: `Usage: parley run <collection folder | Postman collection file> [options]

Runs every request of a collection (or of one folder) with its scripts and tests, like newman.

Options:
  -e, --environment <file|name>   a Postman environment file, or the name of one of the collection's environments
  -g, --globals <file>            a Postman globals (environment) file
      --env-var <name=value>      set an environment variable (repeatable)
      --global-var <name=value>   set a global variable (repeatable)
  -d, --iteration-data <file>     a CSV or JSON file: one row per iteration
  -n, --iteration-count <n>       how many iterations (default: one per data row, or 1)
      --folder <name|path>        run only this folder
      --bail                      stop at the first failed test or request
  -k, --insecure                  do not verify TLS certificates
      --timeout-request <ms>      time limit of each request
      --delay-request <ms>        pause between requests
  -r, --reporters <list>          cli, json, junit, html (comma-separated; default cli)
      --reporter-json-export <file>, --reporter-junit-export <file>, --reporter-html-export <file>
      --shard <i/n>               run only the i-th of n slices of the requests (CI matrices)
      --data-dir <dir>            keep Parley's state (cookies, bodies) here instead of a throwaway folder
      --lang <en|es>              the language of these texts (default: LC_ALL, LC_MESSAGES or LANG, else English)
      --no-color                  plain output
  -h, --help, -v, --version

Exit codes: 0 every test passed, 1 a test or request failed, 2 bad input.`,
  unknownCommand: 'parley: unknown command "{command}". The command is parley run <collection>; see parley --help.',
  badArguments: 'parley run: {message}. See parley run --help.',
  unexpectedArgument: 'parley run: unexpected argument "{argument}". See parley run --help.',
  badLanguage: 'parley: --lang expects en or es, got "{value}".',
  missingSource: 'parley run: say which collection to run: a Parley collection folder or a Postman collection file.',
  sourceMissing: 'parley run: {path} does not exist. Give a Parley collection folder (with parley.yaml) or a Postman collection file.',
  notACollectionFolder:
    "parley run: {path} is a folder without parley.yaml, so it is not a Parley collection. Give the collection's folder, or a Postman collection file.",
  importFailed: 'parley run: {path} cannot be run: {message}',
  importNothingToRun: 'parley run: {path} cannot be run: it holds no collection to run.',
  importNotCollection: 'parley run: {path} is a Postman environment file, not a collection. Give a collection; environments go to -e, globals to -g.',
  importLeftovers: '{count, plural, one {# thing} other {# things}} in {path} could not be carried over (e.g. {first}).',
  environmentFileInvalid: 'parley run: {path} is not a Postman environment file: {message}',
  environmentUnknown:
    'parley run: the collection has no environment named "{name}" and no such file exists. {count, plural, =0 {The collection has no environments.} other {Its environments: {names}.}}',
  badVariable: 'parley run: {flag} expects name=value, got "{value}".',
  badNumber: 'parley run: {flag} expects a whole number from {min} to {max}, got "{value}".',
  badShard: 'parley run: {message}',
  badReporter: 'parley run: unknown reporter "{name}"; the reporters are cli, json, junit and html.',
  oneFolder: 'parley run: give --folder once; to run several folders, run parley once per folder (or run their parent folder).',
  dataFileInvalid: 'parley run: the data file {path} cannot be used: {message}',
  runFailed: 'parley run: the run could not start: {message}',
  runFailedUnknown: 'parley run: the run could not start, and core did not say why.',
  iteration: 'Iteration {n, number} of {total, number}',
  itemLine: '{mark} {method} {name} [{status}, {ms, number} ms]',
  statusSkipped: 'skipped',
  statusNoResponse: 'no response',
  testLine: '    {mark} {name}',
  testFailure: '      {message}',
  itemError: '    ! {message}',
  itemSkipped: '    - skipped: {reason}',
  summaryIterations: 'iterations',
  summaryRequests: 'requests',
  summaryTests: 'tests',
  summaryExecuted: 'executed',
  summaryFailed: 'failed',
  summarySkipped: 'skipped',
  summaryDuration: 'total run duration: {seconds, number, ::.0} s',
  stateCancelled: 'The run was cancelled.',
  stateBailed: 'Stopped at the first failure (--bail).',
  failuresHeader: 'Failures:',
  failureLine: '{n}. {request} (iteration {iteration}): {name}: {message}',
  failureRequest: 'request',
  reportWritten: '{format} report written to {path}',
  reportFailed: 'parley run: the {format} report could not be written to {path}: {message}',
  htmlTitle: '{collection}: run report',
  htmlUntitled: 'Collection',
  htmlStarted: 'Started {at, date, long}, {at, time, medium}',
  htmlEnvironment: 'environment {name}',
  htmlFolder: 'folder {name}',
  htmlState: '{state, select, running {running} finished {finished} cancelled {cancelled} bailed {stopped at the first failure} other {failed}}',
  htmlOutcome: '{outcome, select, passed {passed} failed {failed} error {error} other {skipped}}',
  htmlTotal: 'Total',
  htmlPassed: 'Passed',
  htmlFailed: 'Failed',
  htmlIterations: 'Iterations',
  htmlRequests: 'Requests',
  htmlTests: 'Tests',
  htmlDuration: 'Duration',
  htmlSeconds: '{seconds, number, ::.00} s',
  htmlMilliseconds: '{ms, number} ms',
  htmlRequest: 'Request',
  htmlIteration: 'Iteration',
  htmlStatus: 'Status',
  htmlTime: 'Time',
  htmlResult: 'Result',
  htmlOmitted: '{count, plural, one {# more request run is} other {# more request runs are}} counted above but not listed.'
} as const
