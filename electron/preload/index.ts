// The preload (bundled into one CJS file, runs sandboxed): exposes { invoke, on } as window.tayori.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './api';

contextBridge.exposeInMainWorld('tayori', createPreloadApi(ipcRenderer));
