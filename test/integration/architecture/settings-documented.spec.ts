import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import '../../../src/app.module';
import { registeredConfigSections } from '../../../src/config/config-section';
import { EnvironmentVariables } from '../../../src/config/env.schema';

const ROOT = join(__dirname, '..', '..', '..');

/** Every variable a schema validates (optional ones without a default included). */
function variablesOf(schema: new () => object): string[] {
  const names = getMetadataStorage()
    .getTargetValidationMetadatas(schema, '', true, false)
    .map((metadata) => metadata.propertyName);
  return [...new Set(names)].sort();
}

describe('settings documentation', () => {
  const schemas = [
    EnvironmentVariables,
    ...registeredConfigSections().map((section) => section.schema as new () => object),
  ];
  const variables = schemas.flatMap(variablesOf);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const envExample = readFileSync(join(ROOT, '.env.example'), 'utf8');

  it('covers the archive settings among the variables the app validates', () => {
    expect(variables).toEqual(
      expect.arrayContaining(['TRANSACTION_ARCHIVE_AFTER_DAYS', 'TRANSACTION_ARCHIVE_BATCH_SIZE']),
    );
  });

  it('names every setting in the README', () => {
    expect(variables.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it('names every setting in .env.example', () => {
    const listed = (name: string) => new RegExp(`^#?\\s*${name}=`, 'm').test(envExample);
    expect(variables.filter((name) => !listed(name))).toEqual([]);
  });
});
