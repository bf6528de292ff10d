import { toXlsx } from '../shared/xlsx.ts';
import type { PageContext } from './page.ts';

/**
 * A table as data — a title, column headings and rows of strings and numbers
 * — so one model gives the page, the CSV and the XLSX the same numbers.
 */
export type Cell = string | number | null;

export interface DataTable {
  /** Short, for file and sheet names: lowercase letters and dashes. */
  id: string;
  title: string;
  /** Column headings; the first column heads the rows. */
  columns: string[];
  rows: Cell[][];
}

/** RFC 4180 CSV of a table: a heading row, then the rows. */
export function toCsv(table: DataTable): string {
  const cell = (v: Cell) => {
    const s = v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [table.columns, ...table.rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends tables as a download: CSV holds one table, XLSX one sheet per table. */
export async function sendTables(p: PageContext, name: string, format: 'csv' | 'xlsx', tables: DataTable[]) {
  const body = format === 'csv' ? toCsv(tables[0]!) : toXlsx(tables.map((t) => ({ name: t.id, rows: [t.columns, ...t.rows] })));
  await p.reply
    .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .send(body);
  return { sent: true } as const;
}
