import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface RequestWithId {
  requestId?: string;
}

/** Keeps a caller's x-request-id when it is a sane token (so traces join up across services), else makes one. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && INCOMING_ID.test(header) ? header : randomUUID();
}

/**
 * The route template ("/v1/scenarios/:id"), not the path: metric labels and log fields must not
 * grow with every id. Requests no route matched share one label.
 */
export function routeLabel(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${req.baseUrl}${route.path}` : 'unmatched';
}

export type RequestObserver = (fields: { requestId: string; method: string; route: string; status: number; durationMs: number }) => void;

/** Express middleware: assigns the request id, echoes it, and reports each finished request once. */
export function requestContext(observe: RequestObserver) {
  return (req: Request & RequestWithId, res: Response, next: NextFunction): void => {
    const requestId = requestIdOf(req.headers['x-request-id']);
    req.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const startNs = process.hrtime.bigint();
    res.once('finish', () => {
      observe({ requestId, method: req.method, route: routeLabel(req), status: res.statusCode, durationMs: Number(process.hrtime.bigint() - startNs) / 1e6 });
    });
    next();
  };
}
