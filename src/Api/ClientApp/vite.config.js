import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { precompress } from './precompress.js';

// The production build goes to ../wwwroot, which the API serves (src/Api/Web/WebUi.cs).
// `npm run dev` serves the pages with hot reload and forwards the API to a running ./run.sh.
const api = process.env.CONTACT_CENTER_API ?? 'http://127.0.0.1:5080';

export default defineConfig({
  plugins: [svelte(), precompress()],
  build: {
    outDir: '../wwwroot',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: true },
    },
  },
});
