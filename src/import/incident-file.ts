// One entry for `ote import`: a workbook (.xlsx, or any file that starts as one) or a CSV, told apart by
// name and content, into the same checked rows.
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { decodeText, readIncidentCsv, type Separator } from './incident-csv.js';
import { fileProblem, type ImportResult } from './incident-table.js';
import { readIncidentXlsx } from './incident-xlsx.js';

export interface ReadOptions {
  /** The CSV separator; found from the header line when absent. */
  separator?: Separator;
  /** The workbook sheet by name or number (from 1); the first when absent. */
  sheet?: string;
  onRow?: (done: number, total: number) => void;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

export async function readIncidentFile(
  bytes: Uint8Array,
  name: string,
  municipalities: MunicipalityIndex,
  now: Date,
  options: ReadOptions = {},
): Promise<ImportResult> {
  const lower = name.toLowerCase();
  if (startsWith(bytes, OLE) || lower.endsWith('.xls')) return fileProblem('importFile.xls');
  if (startsWith(bytes, ZIP) || lower.endsWith('.xlsx')) {
    if (options.separator !== undefined) return fileProblem('importFile.separatorForXlsx');
    return readIncidentXlsx(bytes, municipalities, now, { ...(options.sheet !== undefined ? { sheet: options.sheet } : {}), ...(options.onRow ? { onRow: options.onRow } : {}) });
  }
  if (options.sheet !== undefined) return fileProblem('importFile.sheetForCsv');
  return readIncidentCsv(decodeText(bytes), municipalities, now, options.onRow, options.separator);
}
