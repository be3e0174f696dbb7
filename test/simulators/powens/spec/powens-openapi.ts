import Ajv from 'ajv';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { toJsonSchema } from './openapi-to-json-schema';

type Doc = Record<string, unknown>;

const ENTRY = 'powens-api.yml';

/** Escapes one JSON-pointer segment for use in a URI fragment. */
const segment = (name: string): string =>
  encodeURIComponent(name.replace(/~/g, '~0').replace(/\//g, '~1'));

/**
 * Powens' published OpenAPI (the copies beside this file), for checking what the simulator answers:
 * a response is looked up by method, path template and status as the spec documents it, or a
 * body is checked against a named component schema.
 */
export class PowensOpenApi {
  private readonly ajv = new Ajv({ allErrors: true, format: false, validateSchema: false });
  private readonly docs = new Map<string, Doc>();

  constructor(directory: string = __dirname) {
    for (const file of readdirSync(directory).filter((name) => name.endsWith('.yml'))) {
      const doc = load(readFileSync(path.join(directory, file), 'utf8')) as Doc;
      this.docs.set(file, doc);
      this.ajv.addSchema(toJsonSchema(doc) as object, file);
    }
  }

  /** Problems of `body` as the documented response; empty when it conforms. */
  checkResponse(method: string, template: string, status: number, body: unknown): string[] {
    return this.check(this.responseSchemaRef(method, template, status), body);
  }

  /** Problems of `body` against e.g. `connections.yml#/components/schemas/Connection`. */
  check(ref: string, body: unknown): string[] {
    const validate = this.ajv.getSchema(ref);
    if (!validate) throw new Error(`no schema at ${ref}`);
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (error) =>
        `${error.dataPath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
    );
  }

  /** Follows `powens-api.yml` to the operation's file, then the response (and its `$ref`). */
  private responseSchemaRef(method: string, template: string, status: number): string {
    const entry = this.docs.get(ENTRY) as { paths: Record<string, { $ref: string }> };
    const pathItem = entry.paths[template];
    if (!pathItem) throw new Error(`the spec has no path ${template}`);
    const [file, pointer] = pathItem.$ref.replace(/^\.\//, '').split('#');
    const operationPointer = `${pointer}/${method.toLowerCase()}`;
    const operation = this.resolve(file, operationPointer) as {
      responses?: Record<string, { $ref?: string }>;
    };
    const response = operation.responses?.[String(status)];
    if (!response) throw new Error(`${method} ${template} documents no ${status}`);
    const [responseFile, responsePointer] = response.$ref
      ? [response.$ref.split('#')[0] || file, response.$ref.split('#')[1]]
      : [file, `${operationPointer}/responses/${status}`];
    return `${responseFile}#${responsePointer}/content/${segment('application/json')}/schema`;
  }

  private resolve(file: string, pointer: string): unknown {
    let node: unknown = this.docs.get(file);
    for (const raw of pointer.split('/').slice(1)) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      node = (node as Record<string, unknown> | undefined)?.[key];
    }
    if (node === undefined) throw new Error(`nothing at ${file}#${pointer}`);
    return node;
  }
}
