// The follow-up of a series' actions: its views on the phone, the console and the projector
// (see ../registry.ts).
export { default as Phone } from './FollowupPhone.svelte';
export { default as Console } from './FollowupConsole.svelte';
export { default as Screen } from './FollowupScreen.svelte';
