// Needs monitoring: its views on the phone, the console and the projector (see ../registry.ts).
export { default as Phone } from './NeedsPhone.svelte';
export { default as Console } from './NeedsConsole.svelte';
export { default as Screen } from './NeedsScreen.svelte';
