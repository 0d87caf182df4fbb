import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** This file is <root>/apps/api/src/dashboards; built, <root>/dist/apps/api/src/dashboards, whose <root>/dist mirrors the sources. */
const here = dirname(fileURLToPath(import.meta.url));
const runningFromDist = here.split(/[\\/]/).includes('dist');
const buildRoot = resolve(here, '../../../..');
const sourceRoot = runningFromDist ? resolve(buildRoot, '..') : buildRoot;

/** dashboards/ holds the HTML pages and their scripts; charts/ the TypeScript chart builders shared with the server. */
export const DASHBOARDS_DIR = join(sourceRoot, 'dashboards');

/** The folder `require.resolve('chart.js')` points to holds chart.umd.min.js, which the package's `exports` hide (STACK-NOTES gotcha 7). */
export function chartJsDistDir(): string {
  return dirname(createRequire(import.meta.url).resolve('chart.js'));
}

const compiled = new Map<string, { mtimeMs: number; code: string }>();

/**
 * The chart builders are TypeScript that only imports types, so the browser can run them once
 * compiled: from dist/ when the app runs from its build, compiled on first request with @swc/core
 * (a dev dependency, as in the tests' loader) when it runs from source.
 */
async function chartModule(name: string): Promise<string | null> {
  if (runningFromDist) {
    const built = join(buildRoot, 'dashboards', 'charts', `${name}.js`);
    return existsSync(built) ? readFileSync(built, 'utf8') : null;
  }
  const source = join(DASHBOARDS_DIR, 'charts', `${name}.ts`);
  if (!existsSync(source)) return null;
  const { mtimeMs } = statSync(source);
  const cached = compiled.get(source);
  if (cached && cached.mtimeMs === mtimeMs) return cached.code;
  const { transform } = await import('@swc/core');
  const { code } = await transform(readFileSync(source, 'utf8'), {
    filename: source,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
  });
  compiled.set(source, { mtimeMs, code });
  return code;
}

/** Static pages under /dashboards/, chart builders under /dashboards/charts/*.js, Chart.js under /vendor/chart.js/. */
export function useDashboardAssets(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.use('/dashboards/charts', (req: Request, res: Response, next: NextFunction) => {
    const match = /^\/([a-z0-9-]+)\.js$/.exec(req.path);
    if (!match || req.method !== 'GET') return next();
    chartModule(match[1]!).then(
      (code) => {
        if (code === null) return next();
        res.type('text/javascript').set('Cache-Control', 'no-cache').send(code);
      },
      (error: unknown) => next(error),
    );
  });
  // Pages, their scripts and styles only: the TypeScript sources and specs beside them are not for browsers.
  express.use('/dashboards', (req: Request, res: Response, next: NextFunction) => {
    if (!/\.ts$/.test(req.path)) return next();
    res.status(404).json({ statusCode: 404, code: 'not_found', message: `${req.originalUrl} not found`, details: [] });
  });
  express.useStaticAssets(DASHBOARDS_DIR, { prefix: '/dashboards/', index: false });
  express.useStaticAssets(chartJsDistDir(), { prefix: '/vendor/chart.js/' });
}
