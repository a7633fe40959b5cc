import { CommandRunner } from '../../client/command-runner.svelte';
import type { LiveConnection } from '../../client/live.svelte';

/** How one phase's phone form sends: its fields and its commands (e.g. `news.submit`). */
export interface OwnSubmissionCommands<Form, Own> {
	/** The form's values when it adds a new submission. */
	empty: () => Form;
	/** The participant's own submissions, as their self view has them. */
	mine: () => readonly Own[];
	/** The form's values to edit one of them. */
	toForm: (own: Own) => Form;
	submit: (runner: CommandRunner, form: Form) => Promise<unknown>;
	edit: (runner: CommandRunner, id: number, form: Form) => Promise<unknown>;
	withdraw: (runner: CommandRunner, id: number) => Promise<unknown>;
	/** The form's first field, which takes the focus when editing starts. */
	firstFieldId: string;
}

/**
 * The phone's side of the submissions' cycle (server/submissions): one form that adds a
 * submission or edits one of the participant's own while it waits for moderation, and the
 * withdrawal of one. News items and topics use it; each gives its fields and commands.
 */
export class OwnSubmissionForm<Form extends object, Own extends { id: number; status: string }> {
	/** Sends the form (a new submission or an edit): its refusal and confirmation. */
	readonly sender: CommandRunner;
	/** Withdraws an own submission. */
	readonly withdrawer: CommandRunner;
	form = $state({} as Form);
	/** The own submission being edited in the form, or null when the form adds a new one. */
	editingId = $state<number | null>(null);
	/** What the confirmation says: the last send was an edit ("saved"), not a new one ("sent"). */
	edited = $state(false);
	/** The submission being edited, as the server last sent it (gone if withdrawn elsewhere). */
	readonly editing = $derived.by(() =>
		this.editingId === null
			? undefined
			: this.commands.mine().find((own) => own.id === this.editingId)
	);
	/** Moderated (or withdrawn elsewhere) while it was being edited: saving would be refused. */
	readonly lockedWhileEditing = $derived(
		this.editingId !== null && this.editing?.status !== 'pending'
	);

	constructor(
		live: LiveConnection,
		private readonly commands: OwnSubmissionCommands<Form, Own>
	) {
		this.sender = new CommandRunner(live);
		this.withdrawer = new CommandRunner(live);
		this.form = commands.empty();
	}

	startEdit(own: Own): void {
		this.editingId = own.id;
		this.form = this.commands.toForm(own);
		this.sender.done = false;
		this.sender.error = null;
		document.getElementById(this.commands.firstFieldId)?.focus();
	}

	stopEdit(): void {
		this.editingId = null;
		this.form = this.commands.empty();
	}

	async send(event: SubmitEvent): Promise<void> {
		event.preventDefault();
		const id = this.editingId;
		this.edited = id !== null;
		const sent =
			id === null
				? await this.commands.submit(this.sender, { ...this.form })
				: await this.commands.edit(this.sender, id, { ...this.form });
		if (sent) this.stopEdit();
	}

	async withdraw(id: number): Promise<void> {
		const withdrawn = await this.commands.withdraw(this.withdrawer, id);
		if (withdrawn && this.editingId === id) this.stopEdit();
	}
}
