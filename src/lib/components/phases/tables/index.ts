// The discussion tables: its views on the phone, the console and the projector (see ../registry.ts).
export { default as Phone } from './TablesPhone.svelte';
export { default as Console } from './TablesConsole.svelte';
export { default as Screen } from './TablesScreen.svelte';
