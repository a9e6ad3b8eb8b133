// Mount point of the React UI; the screens live in ./app and below.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Noto Sans JP (regular) bundled with the app, so Japanese never shows as boxes on a machine
// without a Japanese font; split by unicode-range, the page loads only the pieces it shows.
import '@fontsource/noto-sans-jp/400.css';
import { App } from './app';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
