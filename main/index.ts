/**
 * Composition root of the main process: registers the app:// scheme, takes the
 * single-instance lock, builds the ports and services, registers IPC, installs the
 * menu and opens windows. Logic lives in the modules it wires; keep this file thin.
 */
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, ipcMain, protocol, session, shell } from 'electron';
import { AppController } from './app/controller';
import { LanguagePreference, settingsLanguageMemory } from './app/language';
import { systemLocale } from './app/locale';
import { registerIpc } from './ipc/register';
import { resolveMenuLocale } from './menu/strings';
import { createConsoleLogger } from './platform/consoleLogger';
import { createElectronDialogs } from './electron/dialogs';
import { createElectronMenu } from './electron/menu';
import { createElectronPdfRenderer } from './electron/pdf';
import { createElectronWindowHost } from './electron/windows';
import { createNodeFs } from './platform/nodeFs';
import { createAutosaveStore } from './services/autosave';
import { createDocumentService } from './services/documents';
import { createExporter } from './services/exporter';
import { scenarioPathsFromArgv } from './services/openRequests';
import { createRecentFiles } from './services/recentFiles';
import { createSettingsStore } from './services/settings';
import { guardSession } from './window/guards';
import { APP_ENTRY_URL, APP_SCHEME, createOriginPolicy } from './window/origins';
import { createAppProtocolHandler } from './window/protocol';

const APP_ID = 'dev.headroom.app';
/** https origins links may open in the browser; none yet. */
const EXTERNAL_ORIGINS: readonly string[] = [];

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

const logger = createConsoleLogger();
const here = dirname(fileURLToPath(import.meta.url));
// The dev server is trusted only in an unpackaged build, so an environment variable
// cannot point a shipped app at someone else's server.
const devServerUrl = !app.isPackaged ? (process.env['ELECTRON_RENDERER_URL'] ?? null) : null;
const policy = createOriginPolicy(devServerUrl);

let controller: AppController | null = null;
const pendingPaths: string[] = [];

function openOrQueue(paths: readonly string[]): void {
  if (paths.length === 0) return;
  if (controller) void controller.openPaths(paths);
  else pendingPaths.push(...paths);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  openOrQueue(process.platform === 'darwin' ? [] : scenarioPathsFromArgv(process.argv, process.cwd()));

  app.on('open-file', (event, path) => {
    event.preventDefault();
    openOrQueue([path]);
  });

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const paths = scenarioPathsFromArgv(argv, workingDirectory);
    if (paths.length > 0) openOrQueue(paths);
    else controller?.showSomeWindow();
  });

  app.on('web-contents-created', (_event, contents) => {
    // Defence in depth for every web contents, including ones we did not create.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('before-quit', () => controller?.beforeQuit());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(start).catch((error: unknown) => {
    logger.error('startup failed', error);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const fs = createNodeFs();
  const userData = app.getPath('userData');
  const documentsDir = app.getPath('documents');
  const settings = createSettingsStore({ fs, file: join(userData, 'settings.json'), logger });
  const language = new LanguagePreference(
    () => resolveMenuLocale(app.getPreferredSystemLanguages()),
    await settingsLanguageMemory(settings, logger),
  );
  const strings = language.strings;

  protocol.handle(APP_SCHEME, createAppProtocolHandler({ fs, root: join(here, '../renderer') }));
  guardSession(session.defaultSession, policy);
  session.defaultSession.setSpellCheckerEnabled(false);

  const dialogs = createElectronDialogs();
  const onRecentChanged = (paths: readonly string[]): void => controller?.recentChanged(paths);

  const recent = createRecentFiles({
    fs,
    file: join(userData, 'recent-files.json'),
    os: { add: (path) => app.addRecentDocument(path), clear: () => app.clearRecentDocuments() },
    logger,
    caseInsensitive: process.platform === 'win32' || process.platform === 'darwin',
  });

  controller = new AppController({
    host: createElectronWindowHost({
      policy,
      preloadPath: join(here, '../preload/index.cjs'),
      entryUrl: devServerUrl ?? APP_ENTRY_URL,
      devTools: !app.isPackaged,
      links: { allowedOrigins: EXTERNAL_ORIGINS, openExternal: (url) => void shell.openExternal(url) },
      logger,
      lifecycle: () => controller!,
    }),
    documents: createDocumentService({ fs, dialogs, recent, logger, strings, documentsDir, onRecentChanged }),
    exporter: createExporter({ fs, dialogs, pdf: createElectronPdfRenderer(), strings, documentsDir }),
    autosave: createAutosaveStore({ fs, dir: join(userData, 'autosave'), logger }),
    recent,
    dialogs,
    menu: createElectronMenu(),
    platform: process.platform,
    isDev: !app.isPackaged,
    logger,
    language,
    systemLocale: () => systemLocale(app.getPreferredSystemLanguages(), app.getLocale()),
    newSlot: () => randomBytes(9).toString('base64url'),
    quit: () => app.quit(),
  });

  registerIpc({
    ipcMain,
    isAppUrl: policy.isAppUrl,
    resolveContext: (event) => controller?.contextFor(event.sender.id) ?? null,
    invoke: controller.invokeHandlers,
    send: controller.sendHandlers,
    logger,
  });

  controller.recentChanged(await recent.list());

  app.on('activate', () => {
    if (controller && controller.windowCount === 0) controller.openWindow();
  });

  const queued = pendingPaths.splice(0);
  if (queued.length > 0) await controller.openPaths(queued);
  if (controller.windowCount === 0) controller.openWindow();
}
