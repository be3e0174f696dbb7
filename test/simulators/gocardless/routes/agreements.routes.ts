import {
  agreementFieldError,
  fieldRequired,
  gcError,
  invalidJson,
  unknownInstitution,
} from '../sim-errors';
import { asRecord, created, ok, parseJsonBody, type SimResult } from '../sim-http';
import { accessDaysOf, findInstitution, historyDaysOf } from '../sim-institutions';
import { renderAgreement } from '../sim-render';
import type { RouteDefinition } from '../sim-state';
import type { NewAgreement } from '../sim-store';
import { DATA_SCOPES, type DataScope } from '../sim-types';
import { findAgreement, isResult } from './lookup';
import { paginate } from './pagination';

const ONE = /^\/api\/v2\/agreements\/enduser\/([^/]+)\/$/;

export const agreementRoutes: readonly RouteDefinition[] = [
  {
    name: 'agreements.create',
    method: 'POST',
    pattern: /^\/api\/v2\/agreements\/enduser\/$/,
    bucket: 'consent-create',
    auth: true,
    handle: ({ request, state }) => {
      const parsed = parseJsonBody(request);
      if (!parsed.ok) return invalidJson();
      const input = agreementInput(asRecord(parsed.value));
      if (isResult(input)) return input;
      return created(renderAgreement(state.store.addAgreement(input)));
    },
  },
  {
    name: 'agreements.list',
    method: 'GET',
    pattern: /^\/api\/v2\/agreements\/enduser\/$/,
    bucket: 'consent-read',
    auth: true,
    handle: ({ request, state }) =>
      ok(paginate(request, state.baseUrl(), state.store.agreements(), renderAgreement)),
  },
  {
    name: 'agreements.get',
    method: 'GET',
    pattern: ONE,
    bucket: 'consent-read',
    auth: true,
    handle: ({ params, state }) => {
      const agreement = findAgreement(state, params[0]);
      return isResult(agreement) ? agreement : ok(renderAgreement(agreement));
    },
  },
  {
    name: 'agreements.delete',
    method: 'DELETE',
    pattern: ONE,
    bucket: 'consent-delete',
    auth: true,
    handle: ({ params, state }) => {
      const agreement = findAgreement(state, params[0]);
      if (isResult(agreement)) return agreement;
      state.store.deleteAgreement(agreement.id);
      return ok({
        summary: 'End User Agreement deleted',
        detail: `End User Agreement ${agreement.id} deleted`,
      });
    },
  },
  {
    name: 'agreements.accept',
    method: 'PUT',
    pattern: /^\/api\/v2\/agreements\/enduser\/([^/]+)\/accept\/$/,
    bucket: 'agreement-accept',
    auth: true,
    handle: ({ request, params, state }) => {
      const agreement = findAgreement(state, params[0]);
      if (isResult(agreement)) return agreement;
      const parsed = parseJsonBody(request);
      if (!parsed.ok) return invalidJson();
      const body = asRecord(parsed.value);
      for (const field of ['user_agent', 'ip_address'] as const) {
        if (typeof body[field] !== 'string' || body[field] === '') return fieldRequired(field);
      }
      if (agreement.accepted !== null) {
        return gcError(
          405,
          'EUA cannot be accepted more than once',
          `End User Agreement ${agreement.id} has already been accepted`,
        );
      }
      agreement.accepted = state.clock.now();
      return ok(renderAgreement(agreement));
    },
  },
];

/** Validates a create request against the institution's (string) limits. */
function agreementInput(body: Record<string, unknown>): NewAgreement | SimResult {
  const institutionId = body.institution_id;
  if (typeof institutionId !== 'string' || institutionId === '') {
    return fieldRequired('institution_id');
  }
  const institution = findInstitution(institutionId);
  if (!institution) return unknownInstitution(institutionId);
  const maxHistoricalDays = body.max_historical_days ?? 90;
  const historyLimit = historyDaysOf(institution);
  if (!isDayCount(maxHistoricalDays, historyLimit)) {
    return agreementFieldError(
      'max_historical_days',
      `max_historical_days must be > 0 and <= ${historyLimit} for ${institutionId}`,
    );
  }
  const accessValidForDays = body.access_valid_for_days ?? 90;
  const accessLimit = accessDaysOf(institution);
  if (!isDayCount(accessValidForDays, accessLimit)) {
    return agreementFieldError(
      'access_valid_for_days',
      `access_valid_for_days must be > 0 and <= ${accessLimit} for ${institutionId}`,
    );
  }
  const accessScope = body.access_scope ?? DATA_SCOPES;
  if (
    !Array.isArray(accessScope) ||
    accessScope.length === 0 ||
    accessScope.some((scope) => !DATA_SCOPES.includes(scope as DataScope))
  ) {
    return agreementFieldError(
      'access_scope',
      `access_scope must be one or more of ${DATA_SCOPES.join(', ')}`,
    );
  }
  return {
    institutionId,
    maxHistoricalDays,
    accessValidForDays,
    accessScope: accessScope as DataScope[],
  };
}

function isDayCount(value: unknown, limit: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= limit;
}
