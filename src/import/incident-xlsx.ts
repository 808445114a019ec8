// Reads a police export kept as an Excel workbook (.xlsx, through read-excel-file): the first sheet, or the
// one named or numbered (from 1). Cells become the text a CSV would hold, so the same checks apply.
import readXlsxFile from 'read-excel-file/node';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { fileProblem, readIncidentTable, type ImportResult, type IncidentTable } from './incident-table.js';

type Cell = string | number | boolean | Date | null | undefined;

export async function readIncidentXlsx(
  bytes: Uint8Array,
  municipalities: MunicipalityIndex,
  now: Date,
  options: { sheet?: string; onRow?: (done: number, total: number) => void } = {},
): Promise<ImportResult> {
  let sheets: { sheet: string; data: Cell[][] }[];
  try {
    sheets = (await readXlsxFile(Buffer.from(bytes))) as unknown as typeof sheets;
  } catch {
    return fileProblem('importFile.notXlsx');
  }
  const sheet = pickSheet(sheets, options.sheet);
  if (!sheet) return fileProblem('importFile.noSheet', { sheet: options.sheet ?? '', sheets: sheets.map((s) => s.sheet).join(', ') });
  return readIncidentTable(toTable(sheet.data), municipalities, now, options.onRow);
}

function pickSheet<S extends { sheet: string }>(sheets: readonly S[], wanted: string | undefined): S | undefined {
  if (wanted === undefined) return sheets[0];
  const byName = sheets.find((s) => s.sheet.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (byName) return byName;
  return /^\d+$/.test(wanted.trim()) ? sheets[Number(wanted) - 1] : undefined;
}

function toTable(data: Cell[][]): IncidentTable | null {
  const rows = data.map((cells, i) => ({ line: i + 1, cells: cells.map(cellText) })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...rest] = rows;
  return header ? { header: header.cells, rows: rest } : null;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A workbook has no time zones: a date cell is the wall-clock time as written, which the reader gives as
 * that moment in UTC. A time-only cell is a day fraction (on 30 December 1899); a date at midnight is a date.
 */
function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (!(cell instanceof Date)) return String(cell);
  const date = `${cell.getUTCFullYear()}-${two(cell.getUTCMonth() + 1)}-${two(cell.getUTCDate())}`;
  const time = `${two(cell.getUTCHours())}:${two(cell.getUTCMinutes())}`;
  if (date === '1899-12-30' || date === '1899-12-31') return time;
  return time === '00:00' ? date : `${date}T${time}`;
}
