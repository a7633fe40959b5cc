import type { LiveConnection } from './live.svelte';
import type { CommandInput, CommandName, CommandResult } from '../protocol';

/**
 * A form's or a button's command: busy while it waits, the server's translated message
 * when it is refused, a confirmation when it is done. One per independent action.
 */
export class CommandRunner {
	busy = $state(false);
	error = $state<string | null>(null);
	done = $state(false);

	constructor(private readonly live: LiveConnection) {}

	async run<N extends CommandName>(
		name: N,
		input: CommandInput<N>
	): Promise<CommandResult<N> | null> {
		this.busy = true;
		this.error = null;
		this.done = false;
		const answer = await this.live.command(name, input);
		this.busy = false;
		if (!answer.ok) {
			this.error = answer.error.message;
			return null;
		}
		this.done = true;
		return answer.data;
	}
}
