// The restitution (report-back) step: its views on the phone, the console and the projector (see ../registry.ts).
export { default as Console } from './RestitutionConsole.svelte';
export { default as Screen } from './RestitutionScreen.svelte';
