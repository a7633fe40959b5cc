// Questions of the day and proposed topics: its views on the phone, the console and the projector (see ../registry.ts).
export { default as Phone } from './TopicsPhone.svelte';
export { default as Console } from './TopicsConsole.svelte';
export { default as Screen } from './TopicsScreen.svelte';
