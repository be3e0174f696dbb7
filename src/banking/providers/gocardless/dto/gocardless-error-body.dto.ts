import { isRecord } from './decode';

/** `{summary, detail, status_code, type?}`; field errors may nest under the field's name. */
export interface GoCardlessErrorBody {
  readonly summary: string | null;
  readonly detail: string | null;
  readonly type: string | null;
}

export function parseGoCardlessErrorBody(bodyText: string): GoCardlessErrorBody {
  let data: unknown;
  try {
    data = JSON.parse(bodyText);
  } catch {
    return { summary: null, detail: null, type: null };
  }
  if (!isRecord(data)) return { summary: null, detail: null, type: null };
  const nested = Object.values(data).find(
    (value) => isRecord(value) && typeof value.summary === 'string',
  );
  const source = typeof data.summary === 'string' || !isRecord(nested) ? data : nested;
  return {
    summary: stringOf(source.summary),
    detail: stringOf(source.detail),
    type: stringOf(source.type) ?? stringOf(data.type),
  };
}

function stringOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(' ') || null;
  return null;
}
