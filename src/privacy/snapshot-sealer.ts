import type { SnapshotSealer } from '../event-store/snapshots';
import { ERASED_KEY, KeyRing, open, seal } from './key-ring';

const STUDENT_STREAM = 'student-';
const aadOf = (streamId: string) => Buffer.from(`school-ledger snapshot\u0000${streamId}`);

/**
 * A student's snapshot (its whole state, names included) sealed with that student's key, so the
 * `_snapshots` collection holds no personal data in clear and an erasure makes it unreadable too.
 * Other aggregates' snapshots hold no student personal data and stay as they are.
 */
export function studentSnapshotSealer(keys: KeyRing): SnapshotSealer {
  const subjectOf = (streamId: string) => (streamId.startsWith(STUDENT_STREAM) ? streamId.slice(STUDENT_STREAM.length) : undefined);
  return {
    async seal(streamId, state) {
      const subject = subjectOf(streamId);
      if (subject === undefined) return state;
      const key = await keys.findOrCreate(subject);
      if (key === ERASED_KEY) return { sealed: null };
      return { sealed: seal(key, Buffer.from(JSON.stringify(state)), aadOf(streamId)).toString('base64') };
    },
    async open(streamId, stored) {
      const subject = subjectOf(streamId);
      if (subject === undefined) return stored;
      const sealed = (stored as { sealed?: string | null } | null)?.sealed;
      if (typeof sealed !== 'string') return null;
      const key = await keys.find(subject);
      if (key === null || key === ERASED_KEY) return null;
      return JSON.parse(open(key, Buffer.from(sealed, 'base64'), aadOf(streamId)).toString('utf8'));
    },
  };
}
