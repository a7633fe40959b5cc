/**
 * What participants submit and the facilitation team reads again before the room sees it
 * (news items, topics): shared by the phases that take submissions.
 */
export type ModerationStatus = 'pending' | 'approved' | 'rejected';

/** The answer to a command that stored something: its id. */
export type Saved = { id: number };
