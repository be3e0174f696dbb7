import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of an OpenAPI 3 schema the generators read. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  example?: unknown;
  default?: unknown;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  items?: SchemaObject;
}

export interface ApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: SchemaObject;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One route of openapi.json, its `$ref`s resolved. */
export interface ApiOperation {
  id: string;
  method: HttpMethod;
  /** `/api/v1/users/{id}` */
  path: string;
  parameters: ApiParameter[];
  body: SchemaObject | null;
  requiresToken: boolean;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, SchemaObject> };
}

interface RawOperation {
  operationId: string;
  parameters?: ApiParameter[];
  requestBody?: { content: Record<string, { schema: SchemaObject }> };
  security?: unknown[];
}

export function loadOpenApiDocument(): OpenApiDocument {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'openapi.json'), 'utf8'));
}

/** Every operation of the document, in its order. */
export function apiOperations(doc: OpenApiDocument = loadOpenApiDocument()): ApiOperation[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      id: operation.operationId,
      method: method.toUpperCase() as HttpMethod,
      path,
      parameters: (operation.parameters ?? []).map((parameter) => ({
        ...parameter,
        schema: resolve(doc, parameter.schema),
      })),
      body: bodySchema(doc, operation),
      requiresToken: (operation.security ?? []).length > 0,
    })),
  );
}

function bodySchema(doc: OpenApiDocument, operation: RawOperation): SchemaObject | null {
  const json = operation.requestBody?.content['application/json'];
  return json ? resolve(doc, json.schema) : null;
}

/** The schema with `$ref`s replaced by the components they name, at every level. */
function resolve(doc: OpenApiDocument, schema: SchemaObject): SchemaObject {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(doc, doc.components.schemas[name]);
  }
  const resolved: SchemaObject = { ...schema };
  if (schema.properties) {
    resolved.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, value]) => [key, resolve(doc, value)]),
    );
  }
  if (schema.items) resolved.items = resolve(doc, schema.items);
  return resolved;
}
