import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

const REPO_ROOT = join(__dirname, '..', '..');

export interface WorkerRuntime {
  mode: 'compiled' | 'ts-node';
  script: string;
  execArgv: string[];
}

/**
 * How the benchmark starts its worker. `compiled` (default) runs plain JavaScript, as production
 * runs `node dist/...`: `src` and the worker's files are transpiled into `scratchDir`, whose
 * node_modules links to the project's. `ts-node` loads the TypeScript compiler into the child
 * (about 55 MB RSS more).
 */
export function prepareWorkerRuntime(
  mode: 'compiled' | 'ts-node',
  worker: string,
  scratchDir: string,
): WorkerRuntime {
  if (mode === 'ts-node') {
    return {
      mode,
      script: worker,
      execArgv: ['-r', require.resolve('ts-node/register/transpile-only')],
    };
  }
  const outDir = join(scratchDir, 'build');
  const workerFiles = readdirSync(__dirname)
    .filter((name) => name.startsWith('credit-portfolio-') && name.endsWith('.ts'))
    .map((name) => join(__dirname, name));
  const compilerOptions = readCompilerOptions();
  for (const file of [...typeScriptFiles(join(REPO_ROOT, 'src')), ...workerFiles]) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions,
      fileName: file,
    });
    const target = join(outDir, relative(REPO_ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  return {
    mode,
    script: join(outDir, relative(REPO_ROOT, worker)).replace(/\.ts$/, '.js'),
    execArgv: [],
  };
}

function readCompilerOptions(): ts.CompilerOptions {
  const configFile = join(REPO_ROOT, 'tsconfig.json');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, REPO_ROOT);
  return { ...parsed.options, sourceMap: false, inlineSourceMap: false, declaration: false };
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}
