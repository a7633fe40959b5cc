import type { Generated, Selectable } from 'kysely';
import type { ModerationStatus, TextLanguage } from '../../protocol';
import type { DbWith, TxWith } from '../db';

/** Migration 040. */
export interface QnaQuestionTable {
	id: Generated<number>;
	concertation_id: number;
	/** The Q&A step it was asked in. */
	phase_id: number;
	/** Its author, kept even when anonymous: only to let them edit it, never shown. */
	participant_id: number;
	status: ModerationStatus;
	/** The language it was typed in (the phone's); never translated. */
	language: TextLanguage;
	text: string;
	/** 1: the author chose not to be named, to anyone. */
	anonymous: number;
	answered_at: string | null;
	created_at: string;
	updated_at: string;
}

export interface QnaVoteTable {
	question_id: number;
	participant_id: number;
	created_at: string;
}

/** A Q&A step's settings; absent until changed (moderation on, nothing pinned). */
export interface QnaStepTable {
	phase_id: number;
	concertation_id: number;
	moderated: number;
	pinned_id: number | null;
}

export type QnaTables = {
	qna_question: QnaQuestionTable;
	qna_vote: QnaVoteTable;
	qna_step: QnaStepTable;
};

export type QnaQuestionRow = Selectable<QnaQuestionTable>;
export type QnaStepRow = Selectable<QnaStepTable>;

/** The core's tables and this phase kind's, as its modules read and write them. */
export type QnaDb = DbWith<QnaTables>;
export type QnaTx = TxWith<QnaTables>;
