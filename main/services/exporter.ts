/**
 * Exports: arbitrary renderer output (SVG, PNG, CSV, HTML) and PDF reports. Main asks
 * where to save first (nothing is rendered if the user cancels), then writes
 * atomically. PDFs are printed by a {@link PdfRendererPort} with scripts disabled.
 */
import { join } from 'node:path';
import type { ExportRequest } from '../../contract/api';
import { format, type Strings } from '../menu/strings';
import type { DialogPort, FsPort, PdfRendererPort } from '../platform/ports';
import { writeFileAtomic } from './atomicWrite';
import { exportExtension, sanitizeFileName, withExtension } from './fileNames';
import type { WindowState } from './windowState';

/** Dependencies of {@link createExporter}. */
export interface ExporterDeps {
  fs: FsPort;
  dialogs: DialogPort;
  pdf: PdfRendererPort;
  strings(): Strings;
  /** Default folder for exports. */
  documentsDir: string;
}

/** Export operations on behalf of a window. */
export interface Exporter {
  exportFile(win: WindowState, request: ExportRequest): Promise<boolean>;
  exportPdf(win: WindowState, html: string, suggestedName: string): Promise<boolean>;
}

/** Creates the exporter. */
export function createExporter(deps: ExporterDeps): Exporter {
  const t = deps.strings;

  async function write(path: string, data: string | Uint8Array): Promise<void> {
    try {
      await writeFileAtomic(deps.fs, path, data);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(format(t()['error.exportFailed'], { name: path.split(/[/\\]/).pop() ?? path, reason }), {
        cause: error,
      });
    }
  }

  return {
    async exportFile(win, request) {
      const ext = exportExtension(request.suggestedName, request.mime);
      const name = withExtension(sanitizeFileName(request.suggestedName) || 'export', ext);
      const path = await deps.dialogs.showSave(win.id, {
        title: t()['dialog.export.title'],
        defaultPath: join(deps.documentsDir, name),
        filters: [
          { name: ext.toUpperCase(), extensions: [ext] },
          { name: t()['filter.all'], extensions: ['*'] },
        ],
      });
      if (path === null) return false;
      await write(path, request.data);
      return true;
    },

    async exportPdf(win, html, suggestedName) {
      const name = withExtension(sanitizeFileName(suggestedName.replace(/\.html?$/i, '')) || 'report', 'pdf');
      const path = await deps.dialogs.showSave(win.id, {
        title: t()['dialog.exportPdf.title'],
        defaultPath: join(deps.documentsDir, name),
        filters: [{ name: t()['filter.pdf'], extensions: ['pdf'] }],
      });
      if (path === null) return false;
      await write(path, await deps.pdf.render(html));
      return true;
    },
  };
}
