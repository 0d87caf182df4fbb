import { Type } from 'class-transformer';
import { NumberField } from './fields.js';

export const DEFAULT_PAGE_SIZE = 20;

/** limit / offset paging shared by every list endpoint. Query strings arrive as text: these two fields, and only these, are converted to numbers. */
export class PageQueryDto {
  @Type(() => Number)
  @NumberField({ min: 1, max: 100, integer: true, optional: true, description: `Page size (default ${DEFAULT_PAGE_SIZE})` })
  limit?: number;

  @Type(() => Number)
  @NumberField({ min: 0, max: 1_000_000, integer: true, optional: true, description: 'Rows to skip (default 0)' })
  offset?: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}
