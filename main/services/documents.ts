/**
 * Document files: Open, Open Recent, Save and Save As, with every dialog owned by
 * main and every path kept in main. The renderer hands over text and gets back an
 * opaque handle and a display name. Saves are atomic; content is validated by the
 * renderer, which knows the scenario format and its migrations.
 */
import { basename, dirname, join } from 'node:path';
import { readScenarioText } from '../../simulation/model/openable';
import type { OpenedDocument, ReadOnlyFile, RecentFile, SavedDocument, SaveRequest } from '../../contract/api';
import { MAX_DOCUMENT_CHARS } from '../../contract/ipc';
import { format, type Strings } from '../menu/strings';
import type { DialogPort, FsPort, LoggerPort } from '../platform/ports';
import { writeFileAtomic } from './atomicWrite';
import { sanitizeFileName, SCENARIO_EXTENSION, withScenarioExtension } from './fileNames';
import type { RecentFiles } from './recentFiles';
import type { WindowState } from './windowState';

/** Dependencies of {@link createDocumentService}. */
export interface DocumentServiceDeps {
  fs: FsPort;
  dialogs: DialogPort;
  recent: RecentFiles;
  logger: LoggerPort;
  /** Current UI strings (the locale can change at run time). */
  strings(): Strings;
  /** Where Save As starts for untitled documents. */
  documentsDir: string;
  /** Called after the recent list changed, e.g. to rebuild the menu. */
  onRecentChanged(paths: string[]): void;
}

/** Open/save operations on behalf of one window. */
export interface DocumentService {
  open(win: WindowState): Promise<OpenedDocument | null>;
  /** Reads `path` into `win` (used for recent files, argv and the OS). Throws a user-facing message on failure. */
  openPath(win: WindowState, path: string): Promise<OpenedDocument>;
  openRecent(win: WindowState, handle: string): Promise<OpenedDocument | null>;
  listRecent(win: WindowState): Promise<RecentFile[]>;
  /** Null when the dialog was cancelled; a {@link ReadOnlyFile} when nothing was written because the file is read-only. */
  save(win: WindowState, request: SaveRequest): Promise<SavedDocument | ReadOnlyFile | null>;
}

function reasonOf(error: unknown, strings: Strings): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return strings['reason.permission'];
  if (code === 'ENOSPC' || code === 'EDQUOT') return strings['reason.diskFull'];
  if (code === 'EISDIR') return strings['reason.folder'];
  if (code === 'EROFS') return strings['reason.readOnlyDisk'];
  if (code === 'ENOENT') return strings['reason.noFolder'];
  return error instanceof Error ? error.message : String(error);
}

/** Creates the document service. */
export function createDocumentService(deps: DocumentServiceDeps): DocumentService {
  const { fs, dialogs, recent, logger } = deps;
  const scenarioFilters = () => [
    { name: deps.strings()['filter.scenario'], extensions: ['json'] },
    { name: deps.strings()['filter.all'], extensions: ['*'] },
  ];

  async function remember(path: string): Promise<void> {
    try {
      deps.onRecentChanged(await recent.add(path));
    } catch (error) {
      // Losing a recent-files entry must never fail an open or a save.
      logger.warn('could not update recent files', error);
    }
  }

  async function openPath(win: WindowState, path: string): Promise<OpenedDocument> {
    const name = basename(path);
    let text: string;
    try {
      text = await fs.readText(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error(format(deps.strings()['error.missing'], { name }), { cause: error });
      }
      throw new Error(format(deps.strings()['error.unreadable'], { name, reason: reasonOf(error, deps.strings()) }), { cause: error });
    }
    if (text.length > MAX_DOCUMENT_CHARS) throw new Error(format(deps.strings()['error.tooLarge'], { name }));
    win.documentPath = path;
    win.dirty = false;
    // A file the editor will refuse (not JSON, not a scenario) is no file to offer again.
    if (readScenarioText(text).ok) await remember(path);
    return { handle: win.handles.tokenFor(path), name, text };
  }

  return {
    openPath,

    async open(win) {
      const path = await dialogs.showOpen(win.id, { title: deps.strings()['dialog.open.title'], filters: scenarioFilters() });
      return path === null ? null : openPath(win, path);
    },

    async openRecent(win, handle) {
      const path = win.handles.pathOf(handle);
      if (path === null) throw new Error('unknown recent file');
      try {
        return await openPath(win, path);
      } catch (error) {
        if ((await fs.modeOf(path).catch(() => null)) === null) {
          deps.onRecentChanged(await recent.remove(path).catch(() => []));
        }
        throw error;
      }
    },

    async listRecent(win) {
      const paths = await recent.list();
      return paths.map((path) => ({ handle: win.handles.tokenFor(path), name: basename(path) }));
    },

    async save(win, request) {
      const current = request.handle === null ? null : win.handles.pathOf(request.handle);
      if (request.handle !== null && current === null) throw new Error('unknown document handle');

      let target = request.saveAs ? null : current;
      if (target === null) {
        const suggested = withScenarioExtension(
          sanitizeFileName(request.suggestedName) || `${deps.strings()['document.untitled']}${SCENARIO_EXTENSION}`,
        );
        target = await dialogs.showSave(win.id, {
          title: deps.strings()['dialog.save.title'],
          defaultPath: join(current ? dirname(current) : deps.documentsDir, suggested),
          filters: scenarioFilters(),
        });
        if (target === null) return null;
      }

      const name = basename(target);
      // Replacing a file the user marked read-only needs their say-so; the renderer asks.
      if (!request.overwriteReadOnly && !(await fs.isWritable(target))) {
        return { readOnly: true, handle: win.handles.tokenFor(target), name };
      }
      try {
        await writeFileAtomic(fs, target, request.text);
      } catch (error) {
        throw new Error(format(deps.strings()['error.saveFailed'], { name, reason: reasonOf(error, deps.strings()) }), { cause: error });
      }
      win.documentPath = target;
      await remember(target);
      return { handle: win.handles.tokenFor(target), name };
    },
  };
}
