import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';
import { RuntimeMode } from './bench-settings';

const REPO_ROOT = join(__dirname, '..', '..', '..');
/** What the scheduler benchmark's children load: the app and the benchmark's own files. */
const SCHEDULER_SOURCE_DIRS = ['src', join('test', 'bench', 'scheduler')];

/** How the harness starts a TypeScript child: which file, with which node flags. */
export interface ChildRuntime {
  mode: RuntimeMode;
  scriptFor(tsFile: string): string;
  execArgv: string[];
  /** Removes the transpiled files (the link to node_modules is removed, not followed). */
  dispose(): void;
}

/**
 * `compiled` (default) runs children as plain JavaScript, as production runs `node dist/...`: the
 * sources are transpiled (like ts-node --transpile-only) into a scratch directory whose
 * node_modules links to the project's. `ts-node` runs them through ts-node, which adds the
 * TypeScript compiler (~55 MB RSS) and compile time to every figure.
 */
export function prepareChildRuntime(
  mode: RuntimeMode,
  scratchDir: string,
  sourceDirs: string[] = SCHEDULER_SOURCE_DIRS,
): ChildRuntime {
  if (mode === 'ts-node') {
    return {
      mode,
      scriptFor: (tsFile) => tsFile,
      execArgv: ['-r', require.resolve('ts-node/register/transpile-only')],
      dispose: () => undefined,
    };
  }
  const outDir = join(scratchDir, 'build');
  transpileSources(outDir, sourceDirs);
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  return {
    mode,
    scriptFor: (tsFile) => join(outDir, relative(REPO_ROOT, tsFile)).replace(/\.ts$/, '.js'),
    execArgv: [],
    dispose: () => rmSync(outDir, { recursive: true, force: true }),
  };
}

function transpileSources(outDir: string, sourceDirs: string[]): void {
  const compilerOptions = readCompilerOptions();
  for (const dir of sourceDirs) {
    for (const file of typeScriptFiles(join(REPO_ROOT, dir))) {
      const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
        compilerOptions,
        fileName: file,
      });
      const target = join(outDir, relative(REPO_ROOT, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, outputText);
    }
  }
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
