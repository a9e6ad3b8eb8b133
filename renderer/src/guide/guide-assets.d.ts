// Vite's own types for `?raw` imports and import.meta.glob (the guide's text and its screenshots).
/// <reference types="vite/client" />
