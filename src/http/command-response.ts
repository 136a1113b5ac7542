import { BatchCommandResult, CommandResult } from '../event-store/command-envelope';

export interface HttpAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** The success body of API.md: revisions as numbers, positions as decimal strings. */
export function commandAnswer(result: CommandResult | BatchCommandResult): HttpAnswer {
  if ('affected' in result) {
    return {
      status: 200,
      body: { affected: result.affected, position: result.position.toString(), correlationId: result.correlationId },
      headers: { 'X-Position': result.position.toString(), 'X-Correlation-Id': result.correlationId },
    };
  }
  return {
    status: 200,
    body: {
      aggregateId: result.aggregateId,
      streamId: result.streamId,
      revision: Number(result.revision),
      position: result.position.toString(),
      events: result.events.map((e) => ({ type: e.type, revision: Number(e.revision) })),
      correlationId: result.correlationId,
    },
    headers: {
      ETag: `"${result.revision.toString()}"`,
      'X-Position': result.position.toString(),
      'X-Correlation-Id': result.correlationId,
    },
  };
}
