/**
 * Picks the host: Electron when the preload exposed `window.headroom`, the
 * browser otherwise. Nothing else in the renderer asks which one it runs in.
 */
import type { HostBridge } from '../../../contract/bridge';
import { createElectronBridge } from './electron';
import { createWebBridge } from './web';

export function createBridge(): HostBridge {
  if ('headroom' in window && window.headroom) return createElectronBridge(window.headroom);
  return createWebBridge();
}

export type { HostBridge } from '../../../contract/bridge';
