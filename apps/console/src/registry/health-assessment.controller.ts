import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { translate } from '../i18n/dictionary';
import { ServiceClient, ServiceError } from '../services/service-client';
import { flashRefusal } from '../web/action';
import { Allow, type SignedInRequest } from '../web/access';
import { PAGE_ROLES } from '../web/menu';
import { flash, redirect } from '../web/respond';
import {
  assessmentBody,
  componentField,
  fieldErrors,
  HEALTH_CATEGORY_OPTIONS,
  ratingField,
  SCHEME_B_ASPECTS,
  type Scheme,
} from './health-form';

interface RubricAspect {
  code: string;
  name: string;
  weight?: number;
  components?: { code: string; name: string; weight: number }[];
}
interface Rubric {
  version: string;
  scheme: Scheme;
  aspects: RubricAspect[];
}
interface Cooperative {
  id: string;
  name: string;
  type: string;
}

const SCHEME_A_TYPE = 'SAVINGS_AND_LOAN';

/**
 * The registrar's health assessment form: scheme A (savings-and-loan) scored by the registry from
 * its components, scheme B recorded with its aspect ratings and the assessor's final category.
 * A refusal comes back beside the fields it concerns, with what was typed kept.
 */
@Controller('koperasi')
@Allow(...PAGE_ROLES.registryWrite)
export class HealthAssessmentController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':id/penilaian')
  async form(
    @Req() request: SignedInRequest,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('skema') asked: string | undefined,
    @Res() response: Response,
  ) {
    const user = request.user;
    const [cooperative, rats, rubric] = await Promise.all([
      this.services.get<Cooperative>(user, 'registry', `/cooperatives/${id}`),
      this.services.get<{ items?: { fiscalYear: number }[] } | { fiscalYear: number }[]>(
        user,
        'registry',
        `/cooperatives/${id}/rats`,
      ),
      this.services
        .get<Rubric[]>(user, 'registry', '/health-rubrics')
        .then((rubrics) => (scheme: Scheme) => rubrics.filter((r) => r.scheme === scheme).pop()!),
    ]);
    const schemeAApplies = cooperative.type === SCHEME_A_TYPE;
    const scheme: Scheme = asked === 'B' || !schemeAApplies ? 'B' : 'A';
    const path = `/koperasi/${id}/penilaian?skema=${scheme}`;
    const state = request.session.formState?.form === path ? request.session.formState : undefined;
    delete request.session.formState;
    const values = state?.values ?? {};
    const errors = state?.errors ?? {};
    const field = (name: string, label: string) => ({
      name,
      id: name.replace('.', '-'),
      label,
      value: values[name] ?? '',
      error: errors[name],
    });
    const t = (key: string, fallback: string) => {
      const found = translate(user.language, key);
      return found === key ? fallback : found;
    };
    const current = rubric(scheme);
    response.render('pages/health-assessment', {
      title: translate(user.language, 'health.record'),
      cooperative,
      scheme,
      schemeAApplies,
      rubricVersion: current.version,
      ratYears: (Array.isArray(rats) ? rats : (rats.items ?? [])).map((rat) => rat.fiscalYear),
      fiscalYear: field('fiscalYear', ''),
      assessedOn: field('assessedOn', ''),
      notes: field('notes', ''),
      finalCategory: field('finalCategory', ''),
      aspects:
        scheme === 'A'
          ? current.aspects.map((aspect) => ({
              name: t(`health.aspect.${aspect.code}`, aspect.name),
              weight: aspect.weight,
              components: (aspect.components ?? []).map((component) => ({
                ...field(componentField(component.code), t(`health.component.${component.code}`, component.name)),
                weight: component.weight,
              })),
            }))
          : [],
      ratings:
        scheme === 'B'
          ? SCHEME_B_ASPECTS.map((aspect) => field(ratingField(aspect), t(`health.aspect.B.${aspect}`, aspect)))
          : [],
      ratingOptions: ['1', '2', '3', '4'],
      categories: HEALTH_CATEGORY_OPTIONS,
    });
  }

  @Post(':id/penilaian')
  async record(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() form: Record<string, string>,
  ) {
    const user = request.user;
    const scheme: Scheme = form.scheme === 'A' ? 'A' : 'B';
    const codes =
      scheme === 'A'
        ? Object.keys(form)
            .filter((name) => name.startsWith('component.'))
            .map((name) => name.slice('component.'.length))
        : [];
    try {
      const saved = await this.services.post<{ category: string; score: number | null; fiscalYear: number }>(
        user,
        'registry',
        `/cooperatives/${id}/health-assessments`,
        assessmentBody(form, scheme, codes),
      );
      flash(
        request,
        'success',
        translate(user.language, 'health.recorded', {
          year: saved.fiscalYear,
          category: translate(user.language, `health.category.${saved.category}`),
        }),
      );
      redirect(request, response, `/koperasi/${id}`);
    } catch (error) {
      flashRefusal(request, error);
      const path = `/koperasi/${id}/penilaian?skema=${scheme}`;
      const { _csrf: _token, ...values } = form;
      request.session.formState = {
        form: path,
        values,
        errors: error instanceof ServiceError ? fieldErrors(user.language, error) : {},
      };
      redirect(request, response, path);
    }
  }
}
