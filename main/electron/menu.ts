/** {@link MenuPort} over Electron's Menu. */
import { Menu } from 'electron';
import type { MenuPort } from '../platform/ports';

/** Creates the Electron menu adapter. */
export function createElectronMenu(): MenuPort {
  return {
    setApplicationMenu(template) {
      Menu.setApplicationMenu(Menu.buildFromTemplate(template));
    },
  };
}
