import type { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

export type EnvironmentSource = Record<string, string | undefined>;

/**
 * A feature's own settings: a class-validator schema of the variables it reads (with their
 * defaults) and the typed view the feature uses. Sections register themselves when their file is
 * imported, so the boot validation (`validateEnvironment`) checks every section of every feature the
 * app contains and reports all problems in one message.
 */
export interface ConfigSection<Settings> {
  readonly name: string;
  readonly schema: Type<object>;
  /** Validates the variables of this section; problems are returned, not thrown. */
  parse(source: EnvironmentSource): { settings?: Settings; env?: object; problems: string[] };
}

const sections: ConfigSection<unknown>[] = [];

export function defineConfig<Env extends object, Settings>(
  name: string,
  schema: Type<Env>,
  read: (env: Env) => Settings,
): ConfigSection<Settings> {
  const section: ConfigSection<Settings> = {
    name,
    schema,
    parse(source) {
      const env = validateSchema(schema, source);
      return env.problems.length > 0
        ? { problems: env.problems }
        : { settings: read(env.value), env: env.value, problems: [] };
    },
  };
  if (sections.some((known) => known.name === name)) {
    throw new Error(`Two config sections are named ${name}`);
  }
  sections.push(section as ConfigSection<unknown>);
  return section;
}

export function registeredConfigSections(): readonly ConfigSection<unknown>[] {
  return sections;
}

/** Present, non-empty values only: an empty variable means "use the default". */
export function presentValues(source: EnvironmentSource): Record<string, string> {
  return Object.fromEntries(
    Object.entries(source).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

export function validateSchema<Env extends object>(
  schema: Type<Env>,
  source: EnvironmentSource,
): { value: Env; problems: string[] } {
  const value = plainToInstance(schema, presentValues(source), { exposeDefaultValues: true });
  const problems = validateSync(value, { whitelist: false, stopAtFirstError: true }).flatMap(
    (error: ValidationError) => Object.values(error.constraints ?? {}),
  );
  return { value, problems };
}
