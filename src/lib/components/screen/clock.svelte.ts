import type { LiveConnection } from '../../client/live.svelte';

/** The server's time, refreshed every second while a component shows it. */
export class ServerClock {
	now = $state(0);

	constructor(live: LiveConnection) {
		this.now = live.serverNow();
		$effect(() => {
			const tick = setInterval(() => (this.now = live.serverNow()), 1000);
			return () => clearInterval(tick);
		});
	}
}
