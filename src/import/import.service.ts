import fs from 'node:fs';
import { parse } from 'csv-parse';
import type { HistoricCase, HistoricStep } from '../cases/case.history.ts';
import { HistoryError, replayHistory } from '../cases/case.history.ts';
import { insertHistoricCases } from '../cases/case.history.repository.ts';
import { refreshDailyStats } from '../dashboards/daily.repository.ts';
import type { CommandIO } from '../cli/io.ts';
import { fieldErrors } from '../http/route.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { ZImportRow, type ImportRow } from './import.schema.ts';

export interface RowError {
  line: number;
  message: string;
}

interface Reference {
  domains: Set<string>;
  outcomes: Set<string>;
  keywords: Set<string>;
  investigators: Map<string, { id: string; domains: string[]; unit: string }>;
  dossierNumbers: Set<string>;
}

/**
 * Imports case history from a CSV file. The file is streamed and every row
 * checked first; only when every row is valid is anything written, in one
 * transaction, so a failed import leaves nothing behind.
 */
export async function importCases(ctx: AppContext, file: string, io: CommandIO): Promise<{ imported: number; errors: RowError[] }> {
  const size = (await fs.promises.stat(file).catch(() => null))?.size;
  if (size === undefined) throw new AppError('not_found', `File ${file} does not exist`);
  const ref = await loadReference(ctx);
  const cases: HistoricCase[] = [];
  const lines: number[] = [];
  const errors: RowError[] = [];
  const input = fs.createReadStream(file);
  const parser = input.pipe(parse({ columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), bom: true, info: true }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const line = info.lines;
      const result = toHistoricCase(record, ref);
      if ('errors' in result) errors.push(...result.errors.map((message) => ({ line, message })));
      else {
        cases.push(result.case);
        lines.push(line);
      }
      if (cases.length % 500 === 0) io.progress(input.bytesRead, size, 'bytes checked');
    }
  } catch (err) {
    errors.push({ line: parser.info.lines, message: (err as Error).message });
  }
  io.progress(size, size, 'bytes checked');
  errors.push(...(await takenDossierNumbers(ctx, cases, lines)));
  if (errors.length) return { imported: 0, errors };
  const staffIdByLogin = new Map([...ref.investigators].map(([login, s]) => [login, s.id]));
  const imported = await ctx.db.transaction().execute((tx) =>
    insertHistoricCases(tx, cases, { staffIdByLogin, onProgress: (done) => io.progress(done, cases.length, 'cases written') }),
  );
  await refreshDailyStats(ctx.db, ctx.clock(), (done, total) => io.progress(done, total, 'days of dashboard figures'));
  return { imported, errors: [] };
}

async function loadReference(ctx: AppContext): Promise<Reference> {
  const [domains, outcomes, keywords, staff] = await Promise.all([
    ctx.db.selectFrom('domains').select('id').execute(),
    ctx.db.selectFrom('outcomes').select('id').execute(),
    ctx.db.selectFrom('keywords').select('id').execute(),
    ctx.db.selectFrom('staff').select(['id', 'login', 'domains', 'unit_id', 'roles']).execute(),
  ]);
  return {
    domains: new Set(domains.map((d) => d.id)),
    outcomes: new Set(outcomes.map((o) => o.id)),
    keywords: new Set(keywords.map((k) => k.id)),
    investigators: new Map(
      staff.filter((s) => s.roles.includes('investigator')).map((s) => [s.login, { id: s.id, domains: s.domains, unit: s.unit_id }]),
    ),
    dossierNumbers: new Set(),
  };
}

function toHistoricCase(record: Record<string, string>, ref: Reference): { case: HistoricCase } | { errors: string[] } {
  const parsed = ZImportRow.safeParse(record);
  if (!parsed.success) return { errors: fieldErrors(parsed.error).map((e) => `${e.field}: ${e.message}`) };
  const row = parsed.data;
  const errors = checkReferences(row, ref);
  if (errors.length) return { errors };
  const steps: HistoricStep[] = [];
  const routedAt = row.routed_at ?? row.received_at;
  if (row.domain) {
    const unitId = row.unit ?? 'standard';
    steps.push({ at: routedAt, actor: null, command: { type: 'route', domainId: row.domain, unitId, suggested: null } });
    const lanes = { urgent: row.urgent, b: row.b, pop: row.pop, ob: row.ob };
    if (Object.values(lanes).some(Boolean)) steps.push({ at: routedAt, actor: null, command: { type: 'setLanes', lanes } });
  }
  if (row.investigator) {
    if (!row.assigned_at) return { errors: ['assigned_at: required when investigator is given'] };
    steps.push({
      at: row.assigned_at,
      actor: null,
      command: { type: 'assign', investigatorId: row.investigator, proposal: row.proposal ?? '(imported)', handlingType: row.handling_type ?? 'intervention' },
    });
  }
  if (row.first_contact_at) steps.push({ at: row.first_contact_at, actor: null, command: { type: 'recordFirstContact' } });
  if (row.closed_at || row.outcome) {
    if (!row.closed_at || !row.outcome) return { errors: ['closed_at and outcome: give both or neither'] };
    steps.push({ at: row.closed_at, actor: null, command: { type: 'close', outcomeId: row.outcome } });
  }
  const historic: HistoricCase = {
    dossierNumber: row.dossier_number,
    receivedAt: row.received_at,
    petitioner: {
      name: row.petitioner_name, email: row.petitioner_email ?? null, phone: row.petitioner_phone ?? null, address: row.petitioner_address ?? null,
    },
    agency: row.agency,
    subject: row.subject,
    description: row.description,
    channel: row.channel,
    keywords: splitKeywords(row.keywords),
    complex: row.complex,
    registeredBy: null,
    suggested: null,
    steps,
  };
  try {
    replayHistory(historic);
  } catch (err) {
    if (err instanceof HistoryError) return { errors: [err.message] };
    throw err;
  }
  return { case: historic };
}

/** Dossier numbers in the file that the database holds already. */
async function takenDossierNumbers(ctx: AppContext, cases: HistoricCase[], lines: number[]): Promise<RowError[]> {
  const lineOf = new Map(cases.flatMap((c, i) => (c.dossierNumber ? [[c.dossierNumber, lines[i]!] as const] : [])));
  const numbers = [...lineOf.keys()];
  const errors: RowError[] = [];
  for (let i = 0; i < numbers.length; i += 1000) {
    const taken = await ctx.db.selectFrom('cases').select('dossier_number').where('dossier_number', 'in', numbers.slice(i, i + 1000)).execute();
    for (const t of taken) errors.push({ line: lineOf.get(t.dossier_number)!, message: `dossier_number: ${t.dossier_number} exists already` });
  }
  return errors.sort((a, b) => a.line - b.line);
}

const splitKeywords = (v: string | undefined) => (v ? v.split(';').map((k) => k.trim()).filter(Boolean) : []);

function checkReferences(row: ImportRow, ref: Reference): string[] {
  const errors: string[] = [];
  if (row.domain && !ref.domains.has(row.domain)) errors.push(`domain: unknown domain ${row.domain}`);
  if (row.outcome && !ref.outcomes.has(row.outcome)) errors.push(`outcome: unknown outcome ${row.outcome}`);
  for (const k of splitKeywords(row.keywords)) if (!ref.keywords.has(k)) errors.push(`keywords: unknown keyword ${k}`);
  if (row.investigator) {
    const inv = ref.investigators.get(row.investigator);
    if (!inv) errors.push(`investigator: no investigator with login ${row.investigator}`);
    else if (row.domain && !inv.domains.includes(row.domain)) errors.push(`investigator: ${row.investigator} does not work in ${row.domain}`);
  }
  if (row.dossier_number) {
    if (ref.dossierNumbers.has(row.dossier_number)) errors.push(`dossier_number: ${row.dossier_number} appears twice in the file`);
    ref.dossierNumbers.add(row.dossier_number);
  }
  return errors;
}
