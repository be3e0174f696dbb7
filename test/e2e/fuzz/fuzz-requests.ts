import fc from 'fast-check';
import {
  deepNesting,
  hostileCursor,
  hostileIdText,
  hostileInstant,
  hostileUrlText,
  hostileValue,
  malformedJson,
} from './hostile-values';
import { ApiOperation, ApiParameter, SchemaObject } from './openapi-operations';
import { FuzzObject, FuzzValue, toJsonText, toPlainText } from './raw-json';
import { plausibleQueryText, plausibleValue, ValueHints } from './schema-values';

/** Who a request claims to be: the fuzz suite turns each into an Authorization header. */
export type Caller = 'admin' | 'user' | 'stranger' | 'none' | 'expired' | 'garbage';

export interface FuzzRequest {
  /** The openapi operation it was made from (`PATCH /api/v1/users/{id}`), or what else it is. */
  route: string;
  method: string;
  /** Percent-encoded path and query. */
  path: string;
  caller: Caller;
  headers: Record<string, string>;
  body?: string;
}

/** The rows requests may name in paths: a fuzzed id mostly points at something that exists. */
export interface Fixtures extends ValueHints {
  userIds: number[];
  taskIds: string[];
  /** Keys of code-declared tasks: the task routes take them in place of the id. */
  taskKeys: string[];
}

const JSON_TYPE = 'application/json';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Segments sent as they are (invalid percent-encodings, dot segments, doubled slashes). */
const RAW_SEGMENTS = ['%zz', '%ED%A0%80', '%00', '%2e%2e', '..', '.', '', '%2F', '%C0%AF', ';a=1'];

/** Every request the fuzz suite sends: openapi operations mostly, some unknown routes. */
export function fuzzRequests(
  operations: ApiOperation[],
  fixtures: Fixtures,
): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    {
      arbitrary: fc
        .constantFrom(...operations)
        .chain((operation) => requestFor(operation, fixtures)),
      weight: 92,
    },
    { arbitrary: unknownRoute(), weight: 5 },
    { arbitrary: wrongMethod(operations), weight: 3 },
  );
}

function requestFor(operation: ApiOperation, fixtures: Fixtures): fc.Arbitrary<FuzzRequest> {
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
  const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');
  return fc
    .record({
      caller: operation.requiresToken ? caller() : fc.constant<Caller>('none'),
      segments: fc.tuple(...pathParameters.map((parameter) => pathSegment(parameter, fixtures))),
      query: queryString(queryParameters, fixtures),
      payload: operation.body
        ? body(operation.body, fixtures)
        : fc.oneof(
            { arbitrary: fc.constant<Payload>({}), weight: 19 },
            { arbitrary: body({ type: 'object', properties: {} }, fixtures), weight: 1 },
          ),
      requestId: fc.option(
        fc.oneof(fc.uuid(), fc.string({ unit: 'binary-ascii', maxLength: 300 })),
        { freq: 10 },
      ),
    })
    .map(({ caller, segments, query, payload, requestId }) => {
      let path = operation.path;
      pathParameters.forEach((parameter, index) => {
        path = path.replace(`{${parameter.name}}`, segments[index]);
      });
      const headers: Record<string, string> = { ...payload.headers };
      if (requestId !== null) headers['x-request-id'] = asciiHeader(requestId);
      return {
        route: `${operation.method} ${operation.path}`,
        method: operation.method,
        path: query ? `${path}?${query}` : path,
        caller,
        headers,
        body: payload.body,
      };
    });
}

function caller(): fc.Arbitrary<Caller> {
  return fc.oneof(
    { arbitrary: fc.constant<Caller>('admin'), weight: 60 },
    { arbitrary: fc.constant<Caller>('user'), weight: 22 },
    { arbitrary: fc.constant<Caller>('stranger'), weight: 5 },
    { arbitrary: fc.constantFrom<Caller>('none', 'expired', 'garbage'), weight: 13 },
  );
}

function pathSegment(parameter: ApiParameter, fixtures: Fixtures): fc.Arbitrary<string> {
  const hostile = fc.oneof(
    { arbitrary: hostileIdText.map(encodeText), weight: 4 },
    { arbitrary: fc.constantFrom(...RAW_SEGMENTS), weight: 1 },
  );
  // A task route's `{id}` is a UUID or a task key (a string without a format).
  const taskRef =
    parameter.name === 'id' && parameter.schema.type === 'string' && !parameter.schema.format;
  const known =
    parameter.schema.format === 'uuid'
      ? fc.oneof(
          { arbitrary: fc.constantFrom(...fixtures.taskIds), weight: 6 },
          { arbitrary: fc.uuid(), weight: 1 },
        )
      : taskRef
        ? fc.oneof(
            { arbitrary: fc.constantFrom(...fixtures.taskIds), weight: 4 },
            { arbitrary: fc.constantFrom(...fixtures.taskKeys), weight: 2 },
            { arbitrary: fc.uuid(), weight: 1 },
          )
        : parameter.name === 'provider'
          ? fc.constantFrom('tink', 'tink', 'gocardless', 'TINK')
          : fc.constantFrom(...fixtures.userIds).map(String);
  return fc.oneof({ arbitrary: known, weight: 7 }, { arbitrary: hostile, weight: 3 });
}

function queryString(parameters: ApiParameter[], fixtures: Fixtures): fc.Arbitrary<string> {
  const pairs = parameters.map((parameter) =>
    fc.oneof(
      { arbitrary: fc.constant<string[]>([]), weight: 10 },
      {
        arbitrary: plausibleQueryText(parameter.name, parameter.schema, fixtures).map((text) => [
          `${parameter.name}=${encodeText(text)}`,
        ]),
        weight: 7,
      },
      {
        arbitrary: hostileQueryText(parameter.name).map((text) => [
          `${parameter.name}=${encodeText(text)}`,
        ]),
        weight: 3,
      },
      {
        arbitrary: fc
          .tuple(plausibleQueryText(parameter.name, parameter.schema, fixtures), hostileUrlText)
          .map(([first, second]) => [
            `${parameter.name}=${encodeText(first)}`,
            `${parameter.name}=${encodeText(second)}`,
          ]),
        weight: 1,
      },
    ),
  );
  const unknown = fc.option(
    fc
      .tuple(fc.constantFrom('access_token', 'is_admin', '__proto__', 'x', 'a[b]'), hostileUrlText)
      .map(([name, value]) => [`${name}=${encodeText(value)}`]),
    { freq: 12, nil: [] as string[] },
  );
  return fc
    .tuple(fc.tuple(...pairs), unknown)
    .map(([known, extra]) => [...known.flat(), ...extra].join('&'));
}

function hostileQueryText(name: string): fc.Arbitrary<string> {
  if (name === 'cursor') return hostileCursor;
  if (name === 'from' || name === 'to') return hostileInstant;
  if (name.endsWith('_id') || name === 'limit' || name === 'count') return hostileIdText;
  return hostileUrlText;
}

interface Payload {
  headers?: Record<string, string>;
  body?: string;
}

const json = (value: FuzzValue, contentType = JSON_TYPE): Payload => ({
  headers: { 'content-type': contentType },
  body: toJsonText(value),
});

function body(schema: SchemaObject, fixtures: Fixtures): fc.Arbitrary<Payload> {
  const object = mutatedObject(schema, fixtures);
  return fc.oneof(
    { arbitrary: object.map((value) => json(value)), weight: 70 },
    { arbitrary: hostileValue.map((value) => json(value)), weight: 5 },
    { arbitrary: deepNesting.map((value) => json({ a: value })), weight: 2 },
    {
      arbitrary: malformedJson.map((text) => ({
        headers: { 'content-type': JSON_TYPE },
        body: text,
      })),
      weight: 6,
    },
    {
      arbitrary: fc
        .tuple(object, otherContentType())
        .map(([value, type]) => encodedAs(value, type)),
      weight: 10,
    },
    {
      arbitrary: fc.constantFrom<Payload>({}, { headers: { 'content-type': JSON_TYPE }, body: '' }),
      weight: 4,
    },
    {
      arbitrary: fc
        .tuple(object, fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown', 'identity, gzip'))
        .map(([value, encoding]) => ({
          headers: { 'content-type': JSON_TYPE, 'content-encoding': encoding },
          body: toJsonText(value),
        })),
      weight: 3,
    },
  );
}

/** An object after the schema, with some fields replaced, nulled, dropped or made up. */
function mutatedObject(schema: SchemaObject, fixtures: Fixtures): fc.Arbitrary<FuzzObject> {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  const model = Object.fromEntries(
    names.map((name) => [name, plausibleValue(name, properties[name], fixtures)]),
  ) as Record<string, fc.Arbitrary<FuzzValue>>;
  const base = fc.record(model, {
    requiredKeys: schema.required ?? [],
  }) as fc.Arbitrary<FuzzObject>;
  const fieldName = names.length > 0 ? fc.constantFrom(...names) : fc.constant('field');
  const mutation = fc.oneof(
    fc.tuple(fc.constant('replace' as const), fieldName, hostileValue),
    fc.tuple(fc.constant('null' as const), fieldName, fc.constant(null)),
    fc.tuple(fc.constant('drop' as const), fieldName, fc.constant(null)),
    fc.tuple(
      fc.constant('add' as const),
      fc.oneof(
        fc.constantFrom('is_admin', 'id', '__proto__', 'constructor'),
        fc.string({ maxLength: 20 }),
      ),
      hostileValue,
    ),
  );
  return fc.tuple(base, fc.array(mutation, { maxLength: 3 })).map(([object, mutations]) => {
    const result: FuzzObject = { ...object };
    for (const [kind, name, value] of mutations) {
      if (kind === 'drop') delete result[name];
      else
        Object.defineProperty(result, name, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return result;
  });
}

function otherContentType(): fc.Arbitrary<string> {
  return fc.constantFrom(
    'application/x-www-form-urlencoded',
    'text/plain',
    'application/xml',
    'multipart/form-data; boundary=fuzz',
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'application/merge-patch+json',
    'application/json, text/html',
    'application/octet-stream',
  );
}

function encodedAs(value: FuzzObject, contentType: string): Payload {
  if (contentType === 'application/x-www-form-urlencoded') {
    const form = Object.entries(value)
      .map(([key, member]) => `${encodeText(key)}=${encodeText(toPlainText(member))}`)
      .join('&');
    return { headers: { 'content-type': contentType }, body: form };
  }
  return json(value, contentType);
}

function unknownRoute(): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      fc.constantFrom('', '/api', '/api/v1', '/api/v2', '/health', '/docs', '/api/v1/users/1'),
      fc.array(fc.oneof(hostileUrlText.map(encodeText), fc.constantFrom(...RAW_SEGMENTS)), {
        minLength: 1,
        maxLength: 3,
      }),
      fc.constantFrom('GET', 'POST', 'DELETE', 'PATCH', 'PUT'),
      caller(),
    )
    .map(([prefix, segments, method, who]) => ({
      route: 'unknown route',
      method,
      path: `${prefix}/${segments.join('/')}`,
      caller: who,
      headers: {},
    }));
}

function wrongMethod(operations: ApiOperation[]): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      fc.constantFrom(...operations),
      fc.constantFrom('PUT', 'DELETE', 'PATCH', 'POST', 'GET'),
      caller(),
    )
    .filter(([operation, method]) => operation.method !== method)
    .map(([operation, method, who]) => ({
      route: `${method} on ${operation.method} ${operation.path}`,
      method,
      path: operation.path.replace(/\{[^}]+\}/g, '1'),
      caller: who,
      headers: {},
    }));
}

/** Percent-encoded UTF-8 (a lone surrogate becomes U+FFFD, as any client would send it). */
export function encodeText(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\ufffd'));
}

function asciiHeader(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '');
}
