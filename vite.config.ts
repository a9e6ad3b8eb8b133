// Builds the React renderer into dist/renderer; the same bundle is loaded by Electron (file://)
// and served by the loopback browser host, so asset paths are relative.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
  },
});
