import { ChangeFinder, Verdict } from './oneroster.changes';
import { fingerprintOf, ImportedRecord, ImportedRecords } from './oneroster.record-store';
import { RecordOf } from './oneroster.records';

/** What the source sent before, by sourcedId: a stand-in for the read store. */
function storeOf(records: ImportedRecord[]): ImportedRecords {
  const byId = new Map(records.map((r) => [r.sourcedId, r]));
  return {
    getMany: async (_source: string, _file: string, ids: readonly string[]) => ids.map((id) => byId.get(id) ?? null),
    countLive: async () => records.filter((r) => !r.deleted).length,
  } as unknown as ImportedRecords;
}

const org = (sourcedId: string, line: number, name: string, extra: Partial<RecordOf['orgs']> = {}): RecordOf['orgs'] =>
  ({ sourcedId, line, status: 'active', modified: null, name, type: 'school', identifier: null, parentSourcedId: 'd-1', ...extra });

/** The record the row became when it was imported (its content fingerprinted as the importer does). */
function stored(record: RecordOf['orgs'], extra: Partial<ImportedRecord> = {}): ImportedRecord {
  const { line: _line, modified, ...content } = record;
  return { source: 'sis', file: 'orgs', sourcedId: record.sourcedId, fingerprint: fingerprintOf(content), modified, deleted: false, facts: {}, importId: 'i-0', ...extra };
}

async function verdicts(mode: 'bulk' | 'delta', before: ImportedRecord[], rows: RecordOf['orgs'][]) {
  const finder = new ChangeFinder(storeOf(before), 'sis');
  await finder.startFile('orgs', mode);
  for (const row of rows) await finder.add('orgs', mode, row);
  await finder.flush();
  const changes = finder.of('orgs');
  return { changes, of: (row: RecordOf['orgs']) => changes.verdicts.get(row.line) };
}

describe('Which rows changed since the source last sent them (interchange.md rules 3–5)', () => {
  it('rule 5: a row as stored is unchanged; one with other content is changed; one never sent is new', async () => {
    const same = org('s-1', 2, 'Alder School');
    const renamed = org('s-2', 3, 'Birch Academy');
    const fresh = org('s-3', 4, 'Cedar School');
    const { changes, of } = await verdicts('bulk', [stored(same), stored(org('s-2', 9, 'Birch School'))], [same, renamed, fresh]);
    expect([of(same), of(renamed), of(fresh)]).toEqual([Verdict.Unchanged, Verdict.Changed, Verdict.New]);
    expect([changes.unchanged, changes.changed]).toEqual([1, 2]);
    expect([...changes.changedLines()]).toEqual([3, 4]);
  });

  it('rule 3: a record the source had deleted comes back; a bulk file without a live record leaves it to be deleted', async () => {
    const back = org('s-1', 2, 'Alder School');
    const { changes, of } = await verdicts('bulk', [stored(back, { deleted: true }), stored(org('s-9', 5, 'Gone School'))], [back]);
    expect(of(back)).toBe(Verdict.Revived);
    expect(changes.liveBefore).toBe(1);
    expect(changes.missing).toBe(1);
  });

  it('rule 4: a delta row not newer than the stored one is unchanged; deleting what was never sent or is gone changes nothing', async () => {
    const older = org('s-1', 2, 'Alder (old name)', { modified: '2025-09-01T00:00:00.000Z' });
    const newer = org('s-2', 3, 'Birch (new name)', { modified: '2025-10-02T00:00:00.000Z' });
    const deleteUnknown = org('s-3', 4, 'Cedar', { status: 'tobedeleted', modified: '2025-10-02T00:00:00.000Z' });
    const deleteLive = org('s-4', 5, 'Damson', { status: 'tobedeleted', modified: '2025-10-02T00:00:00.000Z' });
    const before = [
      stored(org('s-1', 9, 'Alder'), { modified: '2025-09-15T00:00:00.000Z' }),
      stored(org('s-2', 9, 'Birch'), { modified: '2025-09-15T00:00:00.000Z' }),
      stored(org('s-4', 9, 'Damson'), { modified: '2025-09-15T00:00:00.000Z' }),
    ];
    const { of } = await verdicts('delta', before, [older, newer, deleteUnknown, deleteLive]);
    expect([of(older), of(newer), of(deleteUnknown), of(deleteLive)]).toEqual([Verdict.Unchanged, Verdict.Changed, Verdict.Unchanged, Verdict.Changed]);
  });
});
