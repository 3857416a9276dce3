import { stringify } from 'csv-stringify/sync';
import type { ReactivationReport } from './reactivation-report.service';

/** The report as one long table (section, key, metric, value): every figure, spreadsheet-ready. */
export function reportToCsv(report: ReactivationReport): string {
  const rows: (string | number | null)[][] = [['section', 'key', 'metric', 'value']];
  const { period } = report;
  rows.push(
    ['period', '', 'from', period.from],
    ['period', '', 'to', period.to],
    ['period', '', 'kecamatan', period.kecamatan],
    ['period', '', 'officerId', period.officerId],
  );
  rows.push(
    ['summary', '', 'becameInactive', report.becameInactive],
    ['summary', '', 'reactivated', report.reactivated],
  );
  for (const [metric, value] of Object.entries(report.cases)) {
    if (typeof value === 'number') rows.push(['cases', '', metric, value]);
  }
  for (const [outcome, n] of Object.entries(report.cases.failedByOutcome))
    rows.push(['casesFailedByOutcome', outcome, 'closed', n]);
  rows.push(['dissolution', '', 'entered', report.dissolution.entered]);
  for (const [status, n] of Object.entries(report.dissolution.byCurrentStatus))
    rows.push(['dissolutionByCurrentStatus', status, 'cooperatives', n]);
  const durations = report.daysInactiveToReactivated;
  rows.push(
    ['daysInactiveToReactivated', '', 'count', durations.count],
    ['daysInactiveToReactivated', '', 'median', durations.median],
    ['daysInactiveToReactivated', '', 'p90', durations.p90],
  );
  for (const { officerId, officerName: _name, ...figures } of report.officers) {
    for (const [metric, value] of Object.entries(figures)) rows.push(['officer', officerId, metric, value]);
  }
  for (const { kecamatan, ...figures } of report.kecamatan) {
    for (const [metric, value] of Object.entries(figures)) rows.push(['kecamatan', kecamatan, metric, value]);
  }
  for (const month of report.months) {
    for (const [metric, value] of Object.entries(month))
      if (metric !== 'month') rows.push(['month', month.month, metric, value as number]);
  }
  return stringify(rows);
}
