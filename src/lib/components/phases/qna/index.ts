// Q&A with experts: its views on the phone, the console and the projector (see ../registry.ts).
export { default as Phone } from './QnaPhone.svelte';
export { default as Console } from './QnaConsole.svelte';
export { default as Screen } from './QnaScreen.svelte';
