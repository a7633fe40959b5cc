// The introduction: its views on the phone, the console and the projector (see ../registry.ts).
export { default as Phone } from './IntroductionPhone.svelte';
