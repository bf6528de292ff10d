import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../cli/command.ts';
import type { CommandIO } from '../cli/io.ts';
import { anonymiseDue, retentionReport, type RetentionReport } from './retention.service.ts';

/**
 * `grip retention`: the dry run (counts per domain and year of closing, and
 * the dossiers: number, closing date, domain — never a name). `--apply`
 * anonymises exactly that selection, with a progress bar.
 */
const HOLD_TEXT: Record<string, string> = {
  activityAfterClosing: 'activity after closing (aftercare, note, cluster, escalation) within the period',
  openCluster: 'in a cluster that is still open',
  openCallback: 'a callback still to make',
  noticePending: 'a notice to the petitioner still on its way',
};

export function printReport(report: RetentionReport, io: CommandIO): void {
  io.out(`Retention period: ${report.months} months after closing; due: closed (and untouched) on or before ${report.cutoff.toISOString()}`);
  io.out(`Due for anonymising: ${report.due.length} dossiers`);
  for (const r of report.byDomainAndYear) io.out(`  ${(r.domainId ?? '(no domain)').padEnd(24)} ${r.year}  ${String(r.count).padStart(6)}`);
  for (const [reason, n] of Object.entries(report.held)) io.out(`Held (${HOLD_TEXT[reason] ?? reason}): ${n}`);
  for (const c of report.due) io.out(`  ${c.dossierNumber}  closed ${c.closedAt.toISOString().slice(0, 10)}  ${c.domainId ?? '(no domain)'}`);
}

export const retentionCommand: CliCommand = {
  name: 'retention',
  usage: 'retention [--apply]  closed dossiers past the retention period: report (dry run), or anonymise them',
  remote: true,
  async run(ctx, argv, io) {
    let apply: boolean;
    try {
      apply = parseArgs({ args: argv, options: { apply: { type: 'boolean', default: false } } }).values.apply;
    } catch {
      throw new UsageError(`usage: grip ${this.usage}`);
    }
    const report = await retentionReport(ctx);
    printReport(report, io);
    if (!apply) {
      io.out('Dry run: nothing changed. Run `grip retention --apply` to anonymise these dossiers.');
      return;
    }
    const result = await anonymiseDue(ctx, {
      actorId: null,
      expected: { cutoff: report.cutoff, fingerprint: report.fingerprint },
      onProgress: (done, total) => io.progress(done, total, 'dossiers anonymised'),
    });
    io.out(`Anonymised ${result.cases} dossiers and ${result.petitioners} petitioners.`);
  },
};
