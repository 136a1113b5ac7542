import { applyDecorators } from '@nestjs/common';
import { ApiQuery, ApiResponse } from '@nestjs/swagger';
import { MAX_OFFSET } from './paging';

/** One query-string parameter a route reads, for its OpenAPI description. */
export interface QueryParamDoc {
  name: string;
  description: string;
  schema: { type: 'string' | 'integer'; format?: string; enum?: readonly string[]; minimum?: number; maximum?: number; pattern?: string };
}

export const dateQuery = (name: string, description: string): QueryParamDoc => ({ name, description, schema: { type: 'string', format: 'date' } });
export const idQuery = (name: string, description: string): QueryParamDoc => ({ name, description, schema: { type: 'string', pattern: '^[A-Za-z0-9._:@-]{1,128}$' } });
export const textQuery = (name: string, description: string): QueryParamDoc => ({ name, description, schema: { type: 'string' } });
export const enumQuery = (name: string, values: readonly string[], description: string): QueryParamDoc => ({ name, description, schema: { type: 'string', enum: values } });
export const wholeQuery = (name: string, description: string, minimum: number, maximum?: number): QueryParamDoc => ({
  name,
  description,
  schema: { type: 'integer', minimum, ...(maximum === undefined ? {} : { maximum }) },
});

/** The query-string parameters a route reads (besides minPosition, which every query takes). */
export const QueryParams = (...params: QueryParamDoc[]) =>
  applyDecorators(...params.map((p) => ApiQuery({ name: p.name, required: false, description: p.description, schema: { ...p.schema, enum: p.schema.enum ? [...p.schema.enum] : undefined } })));

/** A paged list: `limit` and `offset`, and the total in `X-Total-Count`. */
export const PagedList = () =>
  applyDecorators(
    QueryParams(wholeQuery('limit', 'Items per page (default 100).', 1, 1000), wholeQuery('offset', 'Items to skip.', 0, MAX_OFFSET)),
    ApiResponse({ status: 200, description: 'A page of the list.', headers: { 'X-Total-Count': { description: 'Items in the whole list.', schema: { type: 'integer' } } } }),
  );

