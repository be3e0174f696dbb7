import { settleAgreement } from '../sim-consent';
import { invalidId, gcError } from '../sim-errors';
import type { SimResult } from '../sim-http';
import { UUID } from '../sim-ids';
import type { SimState } from '../sim-state';
import type { SimAgreement, SimRequisition } from '../sim-types';

/** An agreement by path id (settled with the clock), or the 400/404 GoCardless answers. */
export function findAgreement(state: SimState, id: string): SimAgreement | SimResult {
  if (!UUID.test(id)) return invalidId(id);
  const agreement = state.store.agreement(id);
  if (!agreement) {
    return gcError(404, 'Not found.', `End User Agreement ${id} not found`);
  }
  settleAgreement(state.store, agreement, state.clock.now());
  return agreement;
}

export function findRequisition(state: SimState, id: string): SimRequisition | SimResult {
  if (!UUID.test(id)) return invalidId(id);
  const requisition = state.store.requisition(id);
  if (!requisition) return gcError(404, 'Not found.', `Requisition ${id} not found`);
  const agreement = state.store.agreement(requisition.agreementId);
  if (agreement) settleAgreement(state.store, agreement, state.clock.now());
  return requisition;
}

export function isResult(value: object): value is SimResult {
  return 'status' in value && typeof (value as SimResult).status === 'number';
}
