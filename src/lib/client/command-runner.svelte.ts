import type { LiveConnection } from './live.svelte';
import type { CommandInput, CommandName, CommandResult } from '../protocol';

/**
 * A form's or a button's command: busy while it waits, the server's translated message
 * when it is refused, a confirmation when it is done. One per independent action, or one
 * shared by the parts of a panel whose buttons wait for each other.
 */
export class CommandRunner {
	busy = $state(false);
	error = $state<string | null>(null);
	done = $state(false);
	/**
	 * What the caller chose to say about the last command that went through ("3 options
	 * imported"); cleared when the next one starts.
	 */
	notice = $state<string | null>(null);

	constructor(private readonly live: LiveConnection) {}

	/** Null when refused (`error` says why); `options` as `LiveConnection.command`'s. */
	async run<N extends CommandName>(
		name: N,
		input: CommandInput<N>,
		options?: Parameters<LiveConnection['command']>[2]
	): Promise<CommandResult<N> | null> {
		this.busy = true;
		this.error = null;
		this.done = false;
		this.notice = null;
		const answer = await this.live.command(name, input, options);
		this.busy = false;
		if (!answer.ok) {
			this.error = answer.error.message;
			return null;
		}
		this.done = true;
		return answer.data;
	}
}
