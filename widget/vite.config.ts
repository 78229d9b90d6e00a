import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * `vite build`: dist/support-chat.js, the one classic script a page loads with a
 * <script> tag (IIFE, lit included, minified). Frameworks import src/index.ts instead.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2021',
    sourcemap: true,
    copyPublicDir: false,
    lib: {
      entry: fileURLToPath(new URL('src/embed.ts', import.meta.url)),
      formats: ['iife'],
      name: 'SupportChatWidget',
      fileName: () => 'support-chat.js',
    },
  },
});
