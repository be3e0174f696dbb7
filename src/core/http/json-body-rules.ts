import { hasLoneSurrogate } from '../validation/well-formed-text';

/**
 * How deep a request body may nest. No route takes more than a few levels; class-transformer
 * recurses once per level (thousands overflow the stack) and MariaDB's JSON columns hold at most
 * 32 levels, a task payload's scalars included (the payload sits one level down in its body).
 */
export const MAX_BODY_DEPTH = 32;

interface Visit {
  value: unknown;
  depth: number;
  parent: Visit | null;
  key: string | number | null;
}

/**
 * The first reason a parsed body may not reach any route, or null: nesting deeper than
 * MAX_BODY_DEPTH, or a lone UTF-16 surrogate in a string or a key (the message names the field).
 * Walks with a stack of its own, so no body can overflow it.
 */
export function jsonBodyProblem(body: unknown): string | null {
  const pending: Visit[] = [{ value: body, depth: 0, parent: null, key: null }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const { value, depth } = visit;
    if (typeof value === 'string') {
      if (hasLoneSurrogate(value)) return `${fieldPath(visit)} contains a lone UTF-16 surrogate`;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return `Request body nests deeper than ${MAX_BODY_DEPTH} levels`;
    if (Array.isArray(value)) {
      value.forEach((item, index) =>
        pending.push({ value: item, depth: depth + 1, parent: visit, key: index }),
      );
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (hasLoneSurrogate(key))
        return `a field name in ${fieldPath(visit)} contains a lone UTF-16 surrogate`;
      pending.push({ value: item, depth: depth + 1, parent: visit, key });
    }
  }
  return null;
}

/** `payload.items[2].name`; `body` for the body itself. */
function fieldPath(visit: Visit): string {
  const parts: string[] = [];
  for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) {
    parts.push(typeof at.key === 'number' ? `[${at.key}]` : `.${at.key}`);
  }
  const path = parts.reverse().join('').replace(/^\./, '');
  return path === '' ? 'body' : path;
}
