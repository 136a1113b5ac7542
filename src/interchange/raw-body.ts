import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/** Lets routes take a body of this content type as a Buffer, up to `limit` bytes (imports are larger than command bodies). */
export function acceptRawBody(adapter: HttpAdapterHost, contentType: string, limit: number): void {
  const fastify = adapter.httpAdapter?.getInstance() as FastifyInstance | undefined;
  if (fastify && !fastify.hasContentTypeParser(contentType)) {
    fastify.addContentTypeParser(contentType, { parseAs: 'buffer', bodyLimit: limit }, (_request, body, done) => done(null, body));
  }
}
