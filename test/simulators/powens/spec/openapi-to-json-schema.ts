/**
 * Rewrites the OpenAPI 3.0/3.1 mix of Powens' spec into draft-07 JSON Schema for ajv 6:
 * - `nullable: true`, `type: null` (YAML null) and `type: [x, null]` all admit JSON null, also
 *   past an `enum` that lists no null (the spec's intent: "`null` indicates a successful sync");
 * - `oneOf: [X, {type: null}]`, the spec's idiom for "X or null", becomes `anyOf`, since a
 *   nullable X would otherwise match both branches and fail `oneOf`.
 * Other OpenAPI keywords (`format`s of its own, `examples`, `deprecated`, `x-*`) are left for
 * ajv to ignore.
 */
export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable') continue;
    // Property maps hold names, not schemas: a property named `type` must stay as it is.
    out[key] = key === 'type' ? normalizeType(value) : toJsonSchema(value);
  }
  if (allowsNull(source)) {
    if (out.type !== undefined) out.type = withNull(out.type);
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  if (Array.isArray(out.oneOf) && out.oneOf.some(isNullSchema)) {
    out.anyOf = out.oneOf;
    delete out.oneOf;
  }
  return out;
}

function normalizeType(type: unknown): unknown {
  if (type === null) return 'null';
  if (Array.isArray(type)) return type.map((entry) => (entry === null ? 'null' : entry));
  // A schema under a property literally named "type" (e.g. Transaction.type) is an object.
  return typeof type === 'object' ? toJsonSchema(type) : type;
}

function allowsNull(schema: Record<string, unknown>): boolean {
  const { type } = schema;
  return schema.nullable === true || type === null || (Array.isArray(type) && type.includes(null));
}

function withNull(type: unknown): unknown {
  if (type === 'null') return type;
  const types = Array.isArray(type) ? type : [type];
  return types.includes('null') ? types : [...types, 'null'];
}

function isNullSchema(schema: unknown): boolean {
  const type = (schema as { type?: unknown } | null)?.type;
  return type === null || type === 'null';
}
