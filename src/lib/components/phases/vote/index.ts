// The priority vote: its views on the phone, the console and the projector (see ../registry.ts).
export { default as Phone } from './VotePhone.svelte';
export { default as Console } from './VoteConsole.svelte';
export { default as Screen } from './VoteScreen.svelte';
