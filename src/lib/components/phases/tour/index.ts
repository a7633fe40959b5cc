// The tour de table: its views on the phone, the console and the projector (see ../registry.ts).
export { default as Phone } from './TourPhone.svelte';
export { default as Console } from './TourConsole.svelte';
export { default as Screen } from './TourScreen.svelte';
