import { streamIdOf } from '../shared/ids';

/** The whole tree is one stream: every define and move appends to it with its expected revision, so no two can race into a cycle. */
export const SUBJECT_TREE_STREAM = streamIdOf('subject-tree', 'all');
