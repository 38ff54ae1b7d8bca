/**
 * Preload for editor windows (bundled to CommonJS: sandboxed renderers cannot load
 * ESM preloads). Exposes exactly one global, `window.headroom`, made of named
 * functions; ipcRenderer itself never crosses the context bridge.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { SEND } from '../../contract/channels';
import { createApi, trackEditableFocus } from './createApi';

contextBridge.exposeInMainWorld('headroom', createApi(ipcRenderer));
trackEditableFocus(window, (focused) => ipcRenderer.send(SEND.editableFocus, focused));
