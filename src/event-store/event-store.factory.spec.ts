import { AccessDeniedError, UnavailableError } from '@eventstore/db-client';
import { FakeEsdbClient } from '../../test/support/fake-esdb-client';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { verifiedAtStart } from './event-store.factory';
import { StoreAccessDeniedError } from './event-store.port';

describe('Event store start-up check', () => {
  it('stops start-up on EventStoreDB when $all may not be read, naming the right to grant, and closes the client', async () => {
    const fake = new FakeEsdbClient();
    let disposed = false;
    fake.dispose = async () => void (disposed = true);
    fake.failReadAll = new AccessDeniedError();

    const error = await verifiedAtStart(EsdbEventStore.withClient(fake.asClient())).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StoreAccessDeniedError);
    expect((error as Error).message).toContain('$$$all');
    expect(disposed).toBe(true);
  });

  it('starts when the server is not reachable yet (the service answers 503 until it is) or allows the read', async () => {
    const down = new FakeEsdbClient();
    down.failReadAll = new UnavailableError();
    const store = EsdbEventStore.withClient(down.asClient());
    await expect(verifiedAtStart(store)).resolves.toBe(store);

    const fine = EsdbEventStore.withClient(new FakeEsdbClient().asClient());
    await expect(verifiedAtStart(fine)).resolves.toBe(fine);
    await Promise.all([store.close(), fine.close()]);
  });
});
