/** Stream ids as audit paths accept them: `<type>-<id>` with API.md id characters. */
export const STREAM_ID = /^[A-Za-z0-9._\-:@]{1,200}$/;
