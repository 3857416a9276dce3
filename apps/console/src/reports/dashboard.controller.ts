import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SERVICE_CONFIG } from '@koperasi/platform';
import type { User } from '../accounts/user.entity';
import { UsersService } from '../accounts/users.service';
import type { ConsoleConfig } from '../config';
import { translate } from '../i18n/dictionary';
import { formatter } from '../i18n/format';
import { KECAMATAN } from '../kecamatan';
import { ServiceClient } from '../services/service-client';
import { Allow, CurrentUser } from '../web/access';
import { barChart } from '../web/charts';
import { PAGE_ROLES } from '../web/menu';
import { toCsv } from './csv';

interface Report {
  becameInactive: number;
  reactivated: number;
  cases: {
    opened: number;
    openAtEnd: number;
    closedReactivated: number;
    closedFailed: number;
    closedDissolved: number;
  };
  dissolution: { entered: number };
  officers: { officerId: string; officerName: string | null; open: number; overdue: number }[];
  months: {
    month: string;
    becameInactive: number;
    reactivated: number;
    casesOpened: number;
    closedReactivated: number;
    closedFailed: number;
    enteredDissolution: number;
  }[];
}

interface Statistics {
  asOf: string | null;
  total: number;
  byStatus: Record<string, number>;
  byKecamatan: { key: string; total: number; byStatus: Record<string, number> }[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FUNNEL = ['becameInactive', 'opened', 'closedReactivated', 'closedFailed', 'enteredDissolution'] as const;

/** The manager's reactivation dashboard for a period and the registry's statistics now or as of a day. */
@Controller('dasbor')
@Allow(...PAGE_ROLES.dashboard)
export class DashboardController {
  constructor(
    private readonly services: ServiceClient,
    private readonly users: UsersService,
    @Inject(SERVICE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  @Get()
  async page(@CurrentUser() user: User, @Query() query: Record<string, string>, @Res() response: Response) {
    const figures = await this.figures(user, query);
    const t = (key: string) => translate(user.language, key);
    const months = formatter(user.language, this.config.OFFICE_TIME_ZONE);
    response.render('pages/dashboard', {
      title: t('dashboard.title'),
      ...figures,
      charts: {
        funnel: barChart(
          'funnel',
          t('dashboard.funnel'),
          figures.funnel.map((row) => ({ label: t(`funnel.${row.key}`), value: row.value })),
        ),
        months: barChart(
          'months',
          t('dashboard.months'),
          figures.report.months.map((row) => ({ label: months.month(row.month), value: row.casesOpened })),
        ),
        kecamatan: barChart(
          'kecamatan',
          t('dashboard.byKecamatan'),
          figures.kecamatan.map((row) => ({ label: row.kecamatan, value: row.opened })),
        ),
        officers: barChart(
          'officers',
          t('dashboard.officers'),
          figures.officers.map((row) => ({ label: row.name, value: row.open })),
        ),
        status: barChart(
          'status',
          t('dashboard.statistics'),
          Object.entries(figures.statistics.byStatus).map(([status, value]) => ({
            label: t(`status.${status}`),
            value,
          })),
        ),
      },
    });
  }

  @Get('unduh.csv')
  async csv(@CurrentUser() user: User, @Query() query: Record<string, string>, @Res() response: Response) {
    const { from, to, funnel, report, kecamatan, officers } = await this.figures(user, query);
    const t = (key: string) => translate(user.language, key);
    const rows: (string | number | null)[][] = [
      [t('csv.section'), t('csv.key'), t('csv.metric'), t('csv.value')],
      ...funnel.map((row) => [t('dashboard.funnel'), `${from}..${to}`, t(`funnel.${row.key}`), row.value]),
      ...report.months.flatMap((month) =>
        (['becameInactive', 'casesOpened', 'closedReactivated', 'closedFailed', 'enteredDissolution'] as const).map(
          (metric) => [t('dashboard.months'), month.month, t(`month.${metric}`), month[metric]],
        ),
      ),
      ...kecamatan.flatMap((row) => [
        [t('dashboard.byKecamatan'), row.kecamatan, t('funnel.opened'), row.opened],
        [t('dashboard.byKecamatan'), row.kecamatan, t('funnel.closedReactivated'), row.reactivated],
        [t('dashboard.byKecamatan'), row.kecamatan, t('funnel.closedFailed'), row.failed],
      ]),
      ...officers.flatMap((row) => [
        [t('dashboard.officers'), row.name, t('dashboard.open'), row.open],
        [t('dashboard.officers'), row.name, t('dashboard.overdue'), row.overdue],
      ]),
    ];
    response
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment(`reaktivasi-${from}-${to}.csv`)
      .send(toCsv(rows, query.pemisah === 'koma' ? ',' : ';'));
  }

  private async figures(user: User, query: Record<string, string>) {
    const today = formatter('id', this.config.OFFICE_TIME_ZONE).today();
    const to = DAY.test(query.sampai ?? '') ? query.sampai : today;
    const from = DAY.test(query.dari ?? '') && query.dari <= to ? query.dari : `${to.slice(0, 4)}-01-01`;
    const asOf = DAY.test(query.per ?? '') ? query.per : undefined;
    const period = { from, to };
    const [report, perKecamatan, statistics] = await Promise.all([
      this.services.get<Report>(user, 'mentoring', '/reports/reactivation', period),
      Promise.all(
        KECAMATAN.map((name) =>
          this.services.get<Report>(user, 'mentoring', '/reports/reactivation', { ...period, kecamatan: name }),
        ),
      ),
      this.services.get<Statistics>(user, 'registry', '/statistics', { asOf }),
    ]);
    const names = await this.users.namesById(report.officers.map((row) => row.officerId));
    return {
      from,
      to,
      asOf,
      report,
      statistics,
      funnel: FUNNEL.map((key) => ({
        key,
        value:
          key === 'becameInactive'
            ? report.becameInactive
            : key === 'enteredDissolution'
              ? report.dissolution.entered
              : report.cases[key],
      })),
      kecamatan: KECAMATAN.map((name, index) => ({
        kecamatan: name,
        opened: perKecamatan[index].cases.opened,
        reactivated: perKecamatan[index].cases.closedReactivated,
        failed: perKecamatan[index].cases.closedFailed,
      })),
      officers: report.officers.map((row) => ({
        ...row,
        name: names.get(row.officerId) ?? row.officerName ?? row.officerId,
      })),
    };
  }
}
