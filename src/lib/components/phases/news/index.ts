// Sector news: its views on the phone, the console and the projector (see ../registry.ts).
export { default as Phone } from './NewsPhone.svelte';
export { default as Console } from './NewsConsole.svelte';
export { default as Screen } from './NewsScreen.svelte';
