import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * House rule 1: libs/* are a pure core. This test reads every non-test source file under libs/
 * and fails on an import of the shell (Nest, TypeORM, pg, fs, net…) or a use of ambient state
 * (process.env, the clock, Math.random), so the boundary holds without anyone remembering it.
 */
const LIBS = join(process.cwd(), 'libs');
const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/from ['"]@nestjs\//, 'imports NestJS'],
  [/from ['"]typeorm/, 'imports TypeORM'],
  [/from ['"](pg|@electric-sql\/pglite)['"]/, 'imports a database driver'],
  [/from ['"](node:)?(fs|fs\/promises|net|http|https|child_process|worker_threads)['"]/, 'imports Node I/O'],
  [/\bprocess\.env\b/, 'reads process.env'],
  [/\bMath\.random\s*\(/, 'uses Math.random (inject a seeded generator)'],
  [/\bDate\.now\s*\(|\bnew Date\s*\(\s*\)/, 'reads the clock'],
  [/\bperformance\.now\s*\(/, 'reads the clock'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('libs are a pure core', () => {
  const files = sourceFiles(LIBS);

  it('finds the lib sources', () => {
    expect(files.length).toBeGreaterThan(8);
  });

  it('import no shell and read no ambient state', () => {
    const violations = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return FORBIDDEN.filter(([pattern]) => pattern.test(text)).map(([, why]) => `${relative(LIBS, file)} ${why}`);
    });
    expect(violations).toEqual([]);
  });
});
