import { CancelledError, DeadlineExceededError, TimeoutError, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { AppendOutcomeUnknownError, StoreUnavailableError, WrongExpectedRevisionError } from '../event-store.port';
import { toPortError } from './esdb-errors';

const append = { streamId: 'student-1', expected: 4n };

describe('EventStoreDB errors on an append: definite or outcome unknown', () => {
  it.each([
    ['DEADLINE_EXCEEDED', new DeadlineExceededError()],
    ['TIMEOUT', new TimeoutError()],
    ['UNAVAILABLE', new UnavailableError()],
    ['CANCELLED', new CancelledError()],
  ])('%s may have been committed: outcome unknown, naming the stream', (_name, error) => {
    const mapped = toPortError(error, append);
    expect(mapped).toBeInstanceOf(AppendOutcomeUnknownError);
    expect(mapped).toMatchObject({ streamId: 'student-1', cause: error });
  });

  it('a wrong expected version is definite', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'student-1', expected: 4n, current: 5n });
    expect(toPortError(error, append)).toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('outside an append, unavailability is plain StoreUnavailable (nothing was written)', () => {
    const mapped = toPortError(new DeadlineExceededError());
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped).not.toBeInstanceOf(AppendOutcomeUnknownError);
  });
});
