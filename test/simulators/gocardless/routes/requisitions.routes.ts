import { fieldRequired, gcError, invalidId, invalidJson, unknownInstitution } from '../sim-errors';
import { asRecord, created, ok, parseJsonBody, type SimResult } from '../sim-http';
import { UUID } from '../sim-ids';
import { accessDaysOf, findInstitution, historyDaysOf } from '../sim-institutions';
import { LinkFlow } from '../sim-link-flow';
import { renderRequisition } from '../sim-render';
import type { RouteDefinition, SimState } from '../sim-state';
import { DATA_SCOPES, type SimRequisition } from '../sim-types';
import { findRequisition, isResult } from './lookup';
import { paginate } from './pagination';

const ONE = /^\/api\/v2\/requisitions\/([^/]+)\/$/;

const render =
  (state: SimState) =>
  (requisition: SimRequisition): Record<string, unknown> =>
    renderRequisition(requisition, LinkFlow.linkOf(state.baseUrl(), requisition));

export const requisitionRoutes: readonly RouteDefinition[] = [
  {
    name: 'requisitions.create',
    method: 'POST',
    pattern: /^\/api\/v2\/requisitions\/$/,
    bucket: 'consent-create',
    auth: true,
    handle: ({ request, state }) => {
      const parsed = parseJsonBody(request);
      if (!parsed.ok) return invalidJson();
      const requisition = createRequisition(state, asRecord(parsed.value));
      return isResult(requisition) ? requisition : created(render(state)(requisition));
    },
  },
  {
    name: 'requisitions.list',
    method: 'GET',
    pattern: /^\/api\/v2\/requisitions\/$/,
    bucket: 'consent-read',
    auth: true,
    handle: ({ request, state }) => {
      const requisitions = state.store.requisitions();
      for (const requisition of requisitions) findRequisition(state, requisition.id);
      return ok(paginate(request, state.baseUrl(), requisitions, render(state)));
    },
  },
  {
    name: 'requisitions.get',
    method: 'GET',
    pattern: ONE,
    bucket: 'consent-read',
    auth: true,
    handle: ({ params, state }) => {
      const requisition = findRequisition(state, params[0]);
      return isResult(requisition) ? requisition : ok(render(state)(requisition));
    },
  },
  {
    name: 'requisitions.delete',
    method: 'DELETE',
    pattern: ONE,
    bucket: 'consent-delete',
    auth: true,
    handle: ({ params, state }) => {
      const requisition = findRequisition(state, params[0]);
      if (isResult(requisition)) return requisition;
      state.store.deleteRequisition(requisition.id);
      return ok({
        summary: 'Requisition deleted',
        detail: `Requisition '${requisition.id}' deleted with all its End User Agreements`,
      });
    },
  },
];

function createRequisition(
  state: SimState,
  body: Record<string, unknown>,
): SimRequisition | SimResult {
  const { redirect, institution_id: institutionId, agreement, reference } = body;
  if (typeof redirect !== 'string' || redirect === '') return fieldRequired('redirect');
  if (typeof institutionId !== 'string' || institutionId === '') {
    return fieldRequired('institution_id');
  }
  const institution = findInstitution(institutionId);
  if (!institution) return unknownInstitution(institutionId);
  if (reference !== undefined && typeof reference !== 'string') {
    return gcError(400, 'Invalid reference', 'reference must be a string');
  }
  if (typeof reference === 'string' && state.store.referenceTaken(reference)) {
    return gcError(
      400,
      `Client reference '${reference}' already exists`,
      'Please provide a unique reference for each requisition',
    );
  }
  let agreementId: string;
  if (agreement !== undefined && agreement !== null) {
    if (typeof agreement !== 'string' || !UUID.test(agreement)) return invalidId(String(agreement));
    const found = state.store.agreement(agreement);
    if (!found) {
      return gcError(404, 'Not found.', `End User Agreement ${agreement} not found`);
    }
    if (found.institutionId !== institutionId) {
      return gcError(
        400,
        'Institution ID mismatch',
        `Provided Institution ID ${institutionId} does not match End User Agreement ${agreement}`,
      );
    }
    agreementId = found.id;
  } else {
    agreementId = state.store.addAgreement({
      institutionId,
      maxHistoricalDays: Math.min(90, historyDaysOf(institution)),
      accessValidForDays: Math.min(90, accessDaysOf(institution)),
      accessScope: DATA_SCOPES,
    }).id;
  }
  return state.store.addRequisition({
    redirect,
    institutionId,
    agreementId,
    reference: typeof reference === 'string' ? reference : state.store.ids.uuid(),
    userLanguage: typeof body.user_language === 'string' ? body.user_language : undefined,
    ssn: typeof body.ssn === 'string' ? body.ssn : null,
    accountSelection: body.account_selection === true,
    redirectImmediate: body.redirect_immediate === true,
  });
}
