import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

// ESLint loads its flat config with a dynamic import, which Jest's module runtime cannot do, so the
// cases are linted in one plain Node process.
const LINT_CASES = `
  const { ESLint } = require('eslint');
  const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  const eslint = new ESLint({ cwd: process.cwd() });
  Promise.all(cases.map(([filePath, text]) => eslint.lintText(text, { filePath }))).then((reports) =>
    process.stdout.write(JSON.stringify(reports.map(([report]) =>
      report.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)))));
`;

/** The `no-restricted-imports` messages for each [file path, import line] case. */
function restrictedImports(cases: (readonly [string, string])[]): string[][] {
  const sources = cases.map(([filePath, line]) => [filePath, `${line}\nexport const used = X;\n`]);
  const result = spawnSync(process.execPath, ['-e', LINT_CASES], {
    cwd: ROOT,
    input: JSON.stringify(sources),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as string[][];
}

const REFUSED = [
  [
    'src/banking/probe.ts',
    "import { X } from '../credit-portfolio/credit-portfolio.module';",
    'Features never import each other',
  ],
  [
    'src/credit-portfolio/probe.ts',
    "import { X } from '../scheduled-tasks/scheduled-task.service';",
    'Features never import each other',
  ],
  ['src/users/probe.ts', "import { X } from '../banking/banking.module';", 'users/ is a platform'],
  ['src/core/auth/probe.ts', "import { X } from '../../banking/banking.module';", 'core/ imports'],
  ['src/core/scheduling/probe.ts', "import { X } from '../http/pagination';", 'knows no HTTP'],
  [
    'src/core/scheduling/probe.ts',
    "import { NotFoundException as X } from '@nestjs/common';",
    'throws its own errors',
  ],
  ['src/infra/database/probe.ts', "import { X } from '../../core/scheduling/clock';", 'infra/'],
  ['src/infra/http-client/probe.ts', "import { X } from '../../banking/sync/port';", 'infra/'],
] as const;

const ALLOWED = [
  ['src/banking/probe.ts', "import { X } from '../users/user.entity';"],
  ['src/banking/probe.ts', "import { X } from '../core/scheduling/task-run';"],
  ['src/credit-portfolio/probe.ts', "import { X } from './credit-portfolio.config';"],
  ['src/core/scheduling/probe.ts', "import { X } from '../../infra/async/backoff';"],
  ['src/infra/ftp/probe.ts', "import { X } from '../async/abortable-sleep';"],
] as const;

describe('the layout rules ESLint enforces', () => {
  let refused: string[][];
  let allowed: string[][];

  beforeAll(() => {
    const reports = restrictedImports([
      ...REFUSED.map(([filePath, line]) => [filePath, line] as const),
      ...ALLOWED,
    ]);
    refused = reports.slice(0, REFUSED.length);
    allowed = reports.slice(REFUSED.length);
  });

  it.each(REFUSED.map(([filePath, line, reason], index) => [filePath, line, reason, index]))(
    '%s: %s is refused',
    (_filePath, _line, reason, index) => {
      expect(refused[index as number]).toEqual([expect.stringContaining(reason as string)]);
    },
  );

  it.each(ALLOWED.map(([filePath, line], index) => [filePath, line, index]))(
    '%s: %s is allowed',
    (_filePath, _line, index) => {
      expect(allowed[index as number]).toEqual([]);
    },
  );
});
