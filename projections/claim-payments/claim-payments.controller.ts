import { Controller, Get, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { RequireRole } from '../../src/auth/auth.decorators';
import { CurrentReadScope, ReadScope, ScopeFiltered } from '../../src/auth/read-scope';
import { validationFailed } from '../../src/http/api-error';
import { ValidId } from '../../src/http/path-ids';
import { idQuery, QueryParams } from '../../src/http/query-docs';
import { ReadModel } from '../../src/http/read-consistency';
import { DOCUMENT_STORE, DocumentStore, Filter } from '../../src/read-store/document-store.port';
import { isValidId } from '../../src/shared/ids';
import { CLAWBACK_COLUMNS, clawbacks, PAYMENT_COLUMNS, paymentRows, windowPayments } from './claim-payments.queries';

const CSV_ANSWER = { description: 'RFC 4180 CSV with a header row; amounts in pounds, times ISO 8601.', content: { 'text/csv': { schema: { type: 'string' } } } };

/** The support files of claims (domain/claims.md "CSV interchange"): streamed, one read-model page at a time. */
@Controller('v1')
export class ClaimPaymentsController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_ANSWER)
  @Get('claim-windows/:id/payments.csv')
  @RequireRole('reports')
  @ScopeFiltered()
  @ReadModel('claim-payments')
  payments(@Param('id', ValidId) id: string, @Res({ passthrough: true }) reply: FastifyReply, @CurrentReadScope() scope: ReadScope): StreamableFile {
    return this.csv(reply, `payments-${id}.csv`, PAYMENT_COLUMNS, windowPayments(id), scope);
  }

  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_ANSWER)
  @QueryParams(idQuery('claimWindowId', 'Only claims submitted in this window.'))
  @Get('claims/clawbacks.csv')
  @RequireRole('reports')
  @ScopeFiltered()
  @ReadModel('claim-payments')
  clawbacks(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply, @CurrentReadScope() scope: ReadScope): StreamableFile {
    const window = query.claimWindowId;
    if (window !== undefined && !isValidId(window)) throw validationFailed([{ field: 'claimWindowId', message: 'must be an id of 1–128 characters A–Z a–z 0–9 . _ - : @' }]);
    return this.csv(reply, 'clawbacks.csv', CLAWBACK_COLUMNS, clawbacks(window), scope);
  }

  private csv(reply: FastifyReply, filename: string, columns: readonly string[], filter: Filter, scope: ReadScope): StreamableFile {
    reply.header('Content-Disposition', `attachment; filename="${filename}"`);
    const rows = Readable.from(paymentRows(this.documents, filter, scope.organisations));
    const csv = stringify({ header: true, columns: [...columns], record_delimiter: '\r\n' });
    rows.on('error', (error) => csv.destroy(error));
    return new StreamableFile(rows.pipe(csv), { type: 'text/csv; charset=utf-8' });
  }
}
