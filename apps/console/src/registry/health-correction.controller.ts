import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { translate } from '../i18n/dictionary';
import { ServiceClient, ServiceError } from '../services/service-client';
import { flashRefusal } from '../web/action';
import { Allow, type SignedInRequest } from '../web/access';
import { PAGE_ROLES } from '../web/menu';
import { flash, redirect } from '../web/respond';
import { keepForm, takeForm } from './correction-form';
import { assessmentBody, fieldErrors, HEALTH_CATEGORY_OPTIONS, ratingField, SCHEME_B_ASPECTS } from './health-form';

interface Assessment {
  id: string;
  fiscalYear: number;
  scheme: 'A' | 'B';
  assessedOn: string;
  notes: string | null;
  category: string;
  evidence: { aspectRatings?: Record<string, number> };
}

/**
 * The registrar corrects a health assessment with a reason (the registry's audited amendment): its date and
 * notes, and for scheme B the aspect ratings and final category. Scheme A components are not corrected here.
 */
@Controller('koperasi')
@Allow(...PAGE_ROLES.registryWrite)
export class HealthCorrectionController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':id/penilaian/:assessmentId/koreksi')
  async form(
    @Req() request: SignedInRequest,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('assessmentId', ParseUUIDPipe) assessmentId: string,
    @Res() response: Response,
  ) {
    const user = request.user;
    const [cooperative, assessments] = await Promise.all([
      this.services.get<{ id: string; name: string }>(user, 'registry', `/cooperatives/${id}`),
      this.services.get<Assessment[]>(user, 'registry', `/cooperatives/${id}/health-assessments`),
    ]);
    const assessment = assessments.find((candidate) => candidate.id === assessmentId);
    const kept = takeForm(request, healthPath(id, assessmentId));
    const recorded: Record<string, string> = {
      assessedOn: assessment?.assessedOn ?? '',
      notes: assessment?.notes ?? '',
      finalCategory: assessment?.category ?? '',
      ...Object.fromEntries(
        SCHEME_B_ASPECTS.map((aspect) => [
          ratingField(aspect),
          String(assessment?.evidence.aspectRatings?.[aspect] ?? ''),
        ]),
      ),
    };
    const field = (name: string, label = '') => ({
      name,
      id: name.replace('.', '-'),
      label,
      value: kept.values?.[name] ?? recorded[name] ?? '',
      error: kept.errors[name],
    });
    response.render('pages/health-correction', {
      title: translate(user.language, 'correction.healthTitle', { year: assessment?.fiscalYear ?? '' }),
      cooperative,
      assessment,
      assessedOn: field('assessedOn'),
      notes: field('notes'),
      reason: field('reason'),
      finalCategory: field('finalCategory'),
      ratings: SCHEME_B_ASPECTS.map((aspect) =>
        field(ratingField(aspect), translate(user.language, `health.aspect.B.${aspect}`)),
      ),
      ratingOptions: ['1', '2', '3', '4'],
      categories: HEALTH_CATEGORY_OPTIONS,
    });
  }

  @Post(':id/penilaian/:assessmentId/koreksi')
  async correct(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('assessmentId', ParseUUIDPipe) assessmentId: string,
    @Body() form: Record<string, string>,
  ) {
    const user = request.user;
    const scheme = form.scheme === 'A' ? 'A' : 'B';
    const { fiscalYear: _year, scheme: _scheme, ...corrected } = assessmentBody(form, scheme, []);
    const body = scheme === 'A' ? { assessedOn: corrected.assessedOn, notes: corrected.notes } : corrected;
    try {
      const saved = await this.services.patch<{ fiscalYear: number; category: string }>(
        user,
        'registry',
        `/cooperatives/${id}/health-assessments/${assessmentId}`,
        { ...body, reason: String(form.reason ?? '').trim() },
      );
      flash(
        request,
        'success',
        translate(user.language, 'correction.healthSaved', {
          year: saved.fiscalYear,
          category: translate(user.language, `health.category.${saved.category}`),
        }),
      );
      redirect(request, response, `/koperasi/${id}`);
    } catch (error) {
      flashRefusal(request, error);
      const errors = error instanceof ServiceError ? fieldErrors(user.language, error) : {};
      if (errors.reason) errors.reason = translate(user.language, 'correction.reasonRequired');
      keepForm(request, healthPath(id, assessmentId), form, errors);
      redirect(request, response, healthPath(id, assessmentId));
    }
  }
}

const healthPath = (id: string, assessmentId: string) => `/koperasi/${id}/penilaian/${assessmentId}/koreksi`;
