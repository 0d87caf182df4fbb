import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';

export interface RouteInfo {
  readonly method: string;
  /** Express-style template, e.g. /v1/scenarios/:id */
  readonly path: string;
  readonly controller: string;
  readonly handler: string;
}

function join(...parts: string[]): string {
  const joined = `/${parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter((p) => p !== '').join('/')}`;
  return joined;
}

/**
 * Every route Nest registered, read from the running app's controllers — so routes that other
 * modules add later are covered by the specs that iterate over this list, without edits.
 */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const moduleRef of app.get(ModulesContainer).values()) {
    for (const wrapper of moduleRef.controllers.values()) {
      const metatype = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!metatype) continue;
      const base = Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined;
      const bases = Array.isArray(base) ? base : [base ?? ''];
      const proto = metatype.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name === 'constructor' || typeof proto[name] !== 'function') continue;
        const handler = proto[name] as object;
        const methodNumber = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (methodNumber === undefined || path === undefined) continue;
        for (const b of bases) for (const p of Array.isArray(path) ? path : [path]) {
          routes.push({ method: RequestMethod[methodNumber], path: join(b, p), controller: metatype.name, handler: name });
        }
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** A concrete URL for a template: every :param becomes the given value (a UUID by default). */
export function concretePath(template: string, value = '00000000-0000-4000-8000-000000000000'): string {
  return template.replace(/:[A-Za-z0-9_]+/g, value);
}
