import { getMetadataStorage } from 'class-validator';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registeredConfigSections } from './config-section';
import { EnvironmentVariables } from './env.schema';

const ROOT = join(__dirname, '..', '..');

interface SchemaVariable {
  name: string;
  /** The schema's default as an operator writes it; undefined when the variable has none. */
  default?: string;
  schema: string;
}

/** Every file declaring a config section is loaded, so a new section is checked without a list. */
async function loadEverySection(): Promise<void> {
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'),
  );
  for (const file of files) {
    const path = join(ROOT, 'src', file);
    if (/\bdefineConfig\(\s*'/.test(readFileSync(path, 'utf8'))) await import(path);
  }
}

function variablesOf(schema: new () => object, name: string): SchemaVariable[] {
  const instance = new schema() as Record<string, unknown>;
  const names = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(schema, '', true, false)
      .map((metadata) => metadata.propertyName),
  );
  return [...names].map((variable) => ({
    name: variable,
    default: instance[variable] === undefined ? undefined : String(instance[variable]),
    schema: name,
  }));
}

/** README's settings table: `A` / `B` | `1` / `2` | meaning → A: `1`, B: `2`. */
function readmeDefaults(): Map<string, string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'));
  const table = section.slice(0, section.indexOf('\n## '));
  const defaults = new Map<string, string>();
  for (const line of table.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (!cells[1]?.startsWith('`')) continue;
    const names = cells[1].split(' / ').map((name) => name.replace(/`/g, ''));
    const values = cells[2].split(' / ');
    names.forEach((name, index) =>
      defaults.set(name, values.length === 1 ? values[0] : values[index]),
    );
  }
  return defaults;
}

/** .env.example: `NAME=value` (a default) or `# NAME=…` (no default). */
function envExampleLines(): Map<string, { commented: boolean; value: string }> {
  const lines = new Map<string, { commented: boolean; value: string }>();
  for (const line of readFileSync(join(ROOT, '.env.example'), 'utf8').split('\n')) {
    const match = /^(# )?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match && !lines.has(match[2]))
      lines.set(match[2], { commented: match[1] !== undefined, value: match[3] });
  }
  return lines;
}

describe('configuration reference (README table and .env.example)', () => {
  let variables: SchemaVariable[];

  beforeAll(async () => {
    await loadEverySection();
    variables = [
      ...variablesOf(EnvironmentVariables, 'src/config/env.schema.ts'),
      ...registeredConfigSections().flatMap((section) => variablesOf(section.schema, section.name)),
    ];
  });

  it('finds the platform schema and every feature section', () => {
    expect(registeredConfigSections().map((section) => section.name)).toEqual(
      expect.arrayContaining(['scheduling', 'tink', 'bank-sync', 'credit-portfolio']),
    );
    expect(variables.length).toBeGreaterThan(50);
  });

  it("has a row for every variable in README's table, with the schema's default", () => {
    const documented = readmeDefaults();
    const problems = variables.flatMap((variable) => {
      const readme = documented.get(variable.name);
      if (readme === undefined) return [`${variable.name} (${variable.schema}) is missing`];
      if (variable.default === undefined)
        return /^`[^`]*`$/.test(readme)
          ? [`${variable.name} has no default, README says ${readme}`]
          : [];
      return readme === `\`${variable.default}\``
        ? []
        : [`${variable.name}: default \`${variable.default}\`, README says ${readme}`];
    });
    expect(problems).toEqual([]);
  });

  it('lists every variable in .env.example with its default, commented out when it has none', () => {
    const example = envExampleLines();
    const problems = variables.flatMap((variable) => {
      const line = example.get(variable.name);
      if (!line) return [`${variable.name} (${variable.schema}) is missing`];
      if (variable.default === undefined)
        return line.commented
          ? []
          : [`${variable.name} has no default but is set to ${line.value}`];
      return !line.commented && line.value === variable.default
        ? []
        : [
            `${variable.name}: default ${variable.default}, .env.example has ${line.commented ? '# ' : ''}${variable.name}=${line.value}`,
          ];
    });
    expect(problems).toEqual([]);
  });

  it('documents nothing the schema does not read', () => {
    const known = new Set(variables.map((variable) => variable.name));
    const stale = [...readmeDefaults().keys(), ...envExampleLines().keys()].filter(
      (name) => !known.has(name),
    );
    expect(stale).toEqual([]);
  });
});
