// Svelte's compiler settings for the web UI (defaults: Svelte 5 runes, no preprocessing needed).
export default {};
