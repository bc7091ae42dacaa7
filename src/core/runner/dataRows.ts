import { readFile, stat } from 'node:fs/promises'
import { parse as parseCsv } from 'csv-parse/sync'
import { ParleyError } from '../../shared/errors'
import { runnerLimits, type DataRow } from '../../shared/runner'

/**
 * A run's data file: CSV (first line names the columns) or JSON (an array of objects), one row per
 * iteration. CSV goes through csv-parse: quoted fields, embedded commas and newlines, a BOM and CRLF
 * line ends are where hand-written splitting goes wrong, and newman reads the same files with it.
 */

const maxDataFileBytes = 64 * 1024 * 1024

export async function readDataFile(path: string): Promise<DataRow[]> {
  let text: string
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new Error('not a file')
    if (info.size > maxDataFileBytes) {
      throw new ParleyError(
        'data_file_too_large',
        `The data file ${path} is ${Math.round(info.size / 1024 / 1024)} MB; the limit is 64 MB.`,
        'Split it into smaller files and run each.'
      )
    }
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (error instanceof ParleyError) throw error
    throw new ParleyError(
      'data_file_unreadable',
      `The data file ${path} cannot be read: ${(error as Error).message}.`,
      'Check the path; the file must be a CSV or JSON file.'
    )
  }
  return parseDataText(text, /\.json$/i.test(path) ? 'json' : /\.csv$/i.test(path) ? 'csv' : guessKind(text), path)
}

export function parseDataText(text: string, kind: 'csv' | 'json', where = 'the data'): DataRow[] {
  const rows = kind === 'json' ? jsonRows(text, where) : csvRows(text, where)
  if (rows.length === 0)
    throw new ParleyError(
      'data_file_empty',
      `${where} has no rows.`,
      'A CSV file needs a header line and at least one row; a JSON file an array with at least one object.'
    )
  if (rows.length > runnerLimits.dataRows) {
    throw new ParleyError(
      'data_file_too_large',
      `${where} has ${rows.length} rows; a run takes at most ${runnerLimits.dataRows}.`,
      'Split it into smaller files.'
    )
  }
  return rows
}

function guessKind(text: string): 'csv' | 'json' {
  return /^\s*\[/.test(text.replace(/^\uFEFF/, '')) ? 'json' : 'csv'
}

function csvRows(text: string, where: string): DataRow[] {
  try {
    return parseCsv(text, { columns: true, bom: true, skip_empty_lines: true, trim: false, relax_column_count: false }) as DataRow[]
  } catch (error) {
    throw new ParleyError(
      'data_file_invalid',
      `${where} is not valid CSV: ${(error as Error).message}`,
      'The first line names the columns; every other line has one value per column (quote values that hold commas).'
    )
  }
}

function jsonRows(text: string, where: string): DataRow[] {
  let doc: unknown
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new ParleyError(
      'data_file_invalid',
      `${where} is not valid JSON: ${(error as Error).message}`,
      'A JSON data file is an array of objects, e.g. [{"id": "1"}, {"id": "2"}].'
    )
  }
  if (!Array.isArray(doc) || doc.some((row) => typeof row !== 'object' || row === null || Array.isArray(row))) {
    throw new ParleyError('data_file_invalid', `${where} must be a JSON array of objects.`, 'Write it as [{"id": "1"}, {"id": "2"}]: one object per iteration.')
  }
  return (doc as Record<string, unknown>[]).map((row) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]))
  )
}
