import { optionalList, optionalText, record, text } from './decode';

/** CR, GC, UA, RJ, SA, GA, LN, EX (and the legacy ID, ER, SU). */
export type GoCardlessRequisitionStatus = string;

export interface GoCardlessRequisition {
  readonly id: string;
  readonly status: GoCardlessRequisitionStatus;
  readonly institutionId: string;
  readonly agreement: string | null;
  readonly reference: string | null;
  readonly link: string;
  /** Account ids, filled once the requisition is linked (LN). */
  readonly accounts: readonly string[];
}

export function decodeGoCardlessRequisition(data: unknown): GoCardlessRequisition {
  const body = record(data, 'requisition');
  return {
    id: text(body, 'id', 'requisition'),
    status: text(body, 'status', 'requisition'),
    institutionId: text(body, 'institution_id', 'requisition'),
    agreement: optionalText(body, 'agreement', 'requisition'),
    reference: optionalText(body, 'reference', 'requisition'),
    link: optionalText(body, 'link', 'requisition') ?? '',
    accounts: optionalList(body, 'accounts').filter((id): id is string => typeof id === 'string'),
  };
}
