import type { SnapshotCodec } from '../event-store/snapshots';
import { RecordedWork, WorkState } from './student-work.decider';
import { WorkLedger } from './student-work.values';
import { StudentState } from './student.decider';

/**
 * The work ledger by columns, in the ledger's order: item i is ids[i], hashes[i] and days[dayOf[i]]
 * (each distinct day once), plus the explicit attributions as [i, classroomId, reason]. Parsing
 * arrays of plain values is several times cheaper than one small array or object per item.
 */
interface EncodedWork {
  ids: string[];
  hashes: number[];
  days: string[];
  dayOf: number[];
  explicit: [index: number, classroomId: string, reason: string][];
}

/**
 * The columns as JSON text inside the snapshot, with their count beside them: reading the snapshot
 * copies one string instead of building tens of thousands of values, and the columns are parsed only
 * when the ledger is first read (most of a student's commands never read it).
 */
interface StoredWork {
  size: number;
  columns: string;
}

type EncodedStudent =
  | { status: 'none' }
  | (Omit<Exclude<StudentState, { status: 'none' }>, 'work'> & { work: StoredWork });

function encodeWork(work: WorkState): EncodedWork {
  const encoded: EncodedWork = { ids: [], hashes: [], days: [], dayOf: [], explicit: [] };
  const dayIndex = new Map<string, number>();
  for (const [workId, { hash, day, explicit }] of work.entries()) {
    let d = dayIndex.get(day);
    if (d === undefined) {
      d = encoded.days.push(day) - 1;
      dayIndex.set(day, d);
    }
    if (explicit) encoded.explicit.push([encoded.ids.length, explicit.classroomId, explicit.reason]);
    encoded.ids.push(workId);
    encoded.hashes.push(hash);
    encoded.dayOf.push(d);
  }
  return encoded;
}

/** The ledger in the recorded order, so it iterates as the folded one does; its columns are parsed and its entries made when it is first read. */
function decodeWork({ size, columns }: StoredWork): WorkState {
  return WorkLedger.deferred(size, () => workEntries(JSON.parse(columns) as EncodedWork));
}

function workEntries({ ids, hashes, days, dayOf, explicit }: EncodedWork): [string, RecordedWork][] {
  const attributed = new Map(explicit.map(([index, classroomId, reason]) => [index, { classroomId, reason }]));
  const entries: [string, RecordedWork][] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const recorded: RecordedWork = { hash: hashes[i], day: days[dayOf[i]] };
    const explicitly = attributed.get(i);
    if (explicitly) recorded.explicit = explicitly;
    entries[i] = [ids[i], recorded];
  }
  return entries;
}

/** The Student's state as a snapshot: the work ledger by columns, everything else as it is. Bump `version` when StudentState changes. */
export const studentSnapshot: SnapshotCodec<StudentState> = {
  version: 2,
  encode(state): EncodedStudent {
    if (state.status === 'none') return { status: 'none' };
    return { ...state, work: { size: state.work.size, columns: JSON.stringify(encodeWork(state.work)) } };
  },
  decode(json) {
    const encoded = json as EncodedStudent;
    if (encoded.status === 'none') return { status: 'none' };
    return { ...encoded, work: decodeWork(encoded.work) };
  },
};
