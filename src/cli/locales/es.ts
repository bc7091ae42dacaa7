import type { en } from './en'

/** `parley run` en español (tú), con las palabras de src/renderer/i18n/glossary.json. Mismas claves y argumentos que en.ts. */
export const es: Record<keyof typeof en, string> = {
  usage: `Uso: parley run <carpeta de colección | archivo de colección de Postman> [opciones]

Ejecuta todas las peticiones de una colección (o de una carpeta) con sus scripts y comprobaciones, como newman.

Opciones:
  -e, --environment <archivo|nombre>  un archivo de entorno de Postman, o el nombre de uno de los entornos de la colección
  -g, --globals <archivo>             un archivo de variables globales de Postman
      --env-var <nombre=valor>        da valor a una variable de entorno (puedes repetirlo)
      --global-var <nombre=valor>     da valor a una variable global (puedes repetirlo)
  -d, --iteration-data <archivo>      un archivo CSV o JSON: una fila por iteración
  -n, --iteration-count <n>           cuántas iteraciones (por defecto: una por fila de datos, o 1)
      --folder <nombre|ruta>          ejecuta solo esta carpeta
      --bail                          para en la primera comprobación o petición que falle
  -k, --insecure                      no verifica los certificados TLS
      --timeout-request <ms>          tiempo de espera de cada petición
      --delay-request <ms>            pausa entre peticiones
  -r, --reporters <lista>             cli, json, junit, html (separados por comas; por defecto cli)
      --reporter-json-export <archivo>, --reporter-junit-export <archivo>, --reporter-html-export <archivo>
      --shard <i/n>                   ejecuta solo la porción i de n de las peticiones (matrices de CI)
      --data-dir <carpeta>            guarda aquí el estado de Parley (cookies, cuerpos) en vez de en una carpeta temporal
      --lang <en|es>                  el idioma de estos textos (por defecto: LC_ALL, LC_MESSAGES o LANG; si no, inglés)
      --no-color                      salida sin colores
  -h, --help, -v, --version

Códigos de salida: 0 todas las comprobaciones pasaron, 1 falló una comprobación o una petición, 2 entrada no válida.`,
  unknownCommand: 'parley: no conozco el comando "{command}". El comando es parley run <colección>; consulta parley --help.',
  badArguments: 'parley run: {message}. Consulta parley run --help.',
  unexpectedArgument: 'parley run: sobra el argumento "{argument}". Consulta parley run --help.',
  badLanguage: 'parley: --lang espera en o es, pero recibió "{value}".',
  missingSource: 'parley run: indica qué colección ejecutar: una carpeta de colección de Parley o un archivo de colección de Postman.',
  sourceMissing: 'parley run: {path} no existe. Indica una carpeta de colección de Parley (con parley.yaml) o un archivo de colección de Postman.',
  notACollectionFolder:
    'parley run: {path} es una carpeta sin parley.yaml, así que no es una colección de Parley. Indica la carpeta de la colección o un archivo de colección de Postman.',
  importFailed: 'parley run: no se puede ejecutar {path}: {message}',
  importNothingToRun: 'parley run: no se puede ejecutar {path}: no contiene ninguna colección que ejecutar.',
  importNotCollection:
    'parley run: {path} es un archivo de entorno de Postman, no una colección. Indica una colección; los entornos van con -e y las globales con -g.',
  importLeftovers:
    '{count, plural, one {# elemento} other {# elementos}} de {path} no se {count, plural, one {pudo} other {pudieron}} trasladar (p. ej., {first}).',
  environmentFileInvalid: 'parley run: {path} no es un archivo de entorno de Postman: {message}',
  environmentUnknown:
    'parley run: la colección no tiene ningún entorno llamado "{name}" y tampoco existe un archivo con ese nombre. {count, plural, =0 {La colección no tiene entornos.} other {Sus entornos: {names}.}}',
  badVariable: 'parley run: {flag} espera nombre=valor, pero recibió "{value}".',
  badNumber: 'parley run: {flag} espera un número entero de {min} a {max}, pero recibió "{value}".',
  badShard: 'parley run: {message}',
  badReporter: 'parley run: no conozco el informe "{name}"; los informes son cli, json, junit y html.',
  oneFolder:
    'parley run: indica --folder una sola vez; para ejecutar varias carpetas, ejecuta parley una vez por carpeta (o ejecuta la carpeta que las contiene).',
  dataFileInvalid: 'parley run: no se puede usar el archivo de datos {path}: {message}',
  runFailed: 'parley run: la ejecución no pudo empezar: {message}',
  runFailedUnknown: 'parley run: la ejecución no pudo empezar y el núcleo no dijo por qué.',
  iteration: 'Iteración {n, number} de {total, number}',
  itemLine: '{mark} {method} {name} [{status}, {ms, number} ms]',
  statusSkipped: 'omitida',
  statusNoResponse: 'sin respuesta',
  testLine: '    {mark} {name}',
  testFailure: '      {message}',
  itemError: '    ! {message}',
  itemSkipped: '    - omitida: {reason}',
  summaryIterations: 'iteraciones',
  summaryRequests: 'peticiones',
  summaryTests: 'comprobaciones',
  summaryExecuted: 'ejecutadas',
  summaryFailed: 'fallidas',
  summarySkipped: 'omitidas',
  summaryDuration: 'duración total de la ejecución: {seconds, number, ::.0} s',
  stateCancelled: 'Se canceló la ejecución.',
  stateBailed: 'Se detuvo en el primer fallo (--bail).',
  failuresHeader: 'Fallos:',
  failureLine: '{n}. {request} (iteración {iteration}): {name}: {message}',
  failureRequest: 'petición',
  reportWritten: 'Informe {format} guardado en {path}',
  reportFailed: 'parley run: no se pudo guardar el informe {format} en {path}: {message}',
  htmlTitle: '{collection}: informe de ejecución',
  htmlUntitled: 'Colección',
  htmlStarted: 'Empezó el {at, date, long}, a las {at, time, medium}',
  htmlEnvironment: 'entorno {name}',
  htmlFolder: 'carpeta {name}',
  htmlState: '{state, select, running {en curso} finished {terminada} cancelled {cancelada} bailed {detenida en el primer fallo} other {fallida}}',
  htmlOutcome: '{outcome, select, passed {superada} failed {fallida} error {error} other {omitida}}',
  htmlTotal: 'Total',
  htmlPassed: 'Superadas',
  htmlFailed: 'Fallidas',
  htmlIterations: 'Iteraciones',
  htmlRequests: 'Peticiones',
  htmlTests: 'Comprobaciones',
  htmlDuration: 'Duración',
  htmlSeconds: '{seconds, number, ::.00} s',
  htmlMilliseconds: '{ms, number} ms',
  htmlRequest: 'Petición',
  htmlIteration: 'Iteración',
  htmlStatus: 'Estado',
  htmlTime: 'Tiempo',
  htmlResult: 'Resultado',
  htmlOmitted:
    '{count, plural, one {# ejecución de petición más se cuenta} other {# ejecuciones de petición más se cuentan}} arriba, pero no se {count, plural, one {muestra} other {muestran}}.'
}
