/**
 * The Electron main process: thin on purpose. It owns windows, the menu and the bridge from IPC to
 * the core worker; every piece of product logic lives in the core (electron/core).
 */
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, screen, session, shell } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_EXPORT_PDF_CHANNEL, type Settings } from '../core/api';
import { startCoreWorker, type CoreClient } from '../core/runtime/worker-client';
import { ensurePrivateDir } from '../../db/private-files';
import { lazyDemoPlatform } from '../host/demo-platform';
import { CONTENT_SECURITY_POLICY } from '../host/security-headers';
import { menuTemplate } from './menu';
import { createAlertNotifier } from './notifications';
import { createPdfExportHandler, exportPdf, type PdfSource } from './pdf-export';
import { rendererFileUrl } from './security';
import { createCockpitWindow, hardenSession, registerCallChannel, senderFrameOf } from './window-wiring';
import { safeStorageSecrets } from './safe-storage-secrets';
import { loadWindowState, saveWindowState } from './window-state';
import { routeScript, toggledRoute, WAR_ROOM_ROUTE, warRoomWindowBounds, type DisplayChoice, type WarRoomActions } from './war-room-window';

// The main build is an ES module: there is no CommonJS __dirname.
const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DEV_URL = process.env.ELECTRON_RENDERER_URL;
const rendererFile = path.join(here, '../renderer/index.html');
const rendererUrl = (): string => RENDERER_DEV_URL ?? rendererFileUrl(rendererFile);

let mainWindow: BrowserWindow | null = null;
/** Second windows showing the war room, by display id. */
const warRoomWindows = new Map<number, BrowserWindow>();
let menuLanguage: Settings['language'] = 'zh-CN';
let core: CoreClient | null = null;
// New P1 alerts: one desktop notification each (text only); a click opens the alert in the main window.
const alertNotifier = createAlertNotifier({
  create: (content) => new Notification(content),
  supported: () => Notification.isSupported(),
  language: () => menuLanguage,
  window: () => mainWindow,
});
// The demo workspace (reference platform) runs in its own thread, started only when needed.
const demoPlatform = lazyDemoPlatform(path.join(here, 'demo-platform-worker.js'));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    void core?.close();
    void demoPlatform.stop();
  });
  app.whenReady().then(start).catch((error: unknown) => {
    dialog.showErrorBox('Ops Cockpit', `启动失败 / Failed to start: ${String(error)}`);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, CONTENT_SECURITY_POLICY);
  ensurePrivateDir(app.getPath('userData'), true); // database, backups, logs and the encrypted token
  core = await startCoreWorker({
    workerFile: path.join(here, 'core-worker.js'),
    core: {
      dataDir: app.getPath('userData'),
      mode: 'electron',
      appVersion: app.getVersion(),
      migrationsFolder: resourcePath('migrations', path.join(app.getAppPath(), 'db', 'migrations')),
      nativeBinding: electronNativeBinding(),
      syncWorkerFile: path.join(here, 'sync-worker.js'),
    },
    host: { ...safeStorageSecrets(app.getPath('userData')), startDemoPlatform: () => demoPlatform.get() },
    onCrash: (reason) => console.error(`core worker stopped (${reason}); restarting`),
    // Restarts that cannot succeed are not tried for ever: said once, then the app quits non-zero.
    onFatal: (message) => {
      dialog.showErrorBox('Ops Cockpit', `核心无法运行 / The core cannot run: ${message}`);
      app.exit(1);
    },
  });
  registerCallChannel(ipcMain, core, rendererUrl);
  const handlePdfExport = createPdfExportHandler(pdfHost, rendererUrl);
  ipcMain.handle(IPC_EXPORT_PDF_CHANNEL, (event, suggestedName: unknown) => handlePdfExport(senderFrameOf(event), event.sender, suggestedName));
  core.onEvent((event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(IPC_EVENT_CHANNEL, event);
    if (event.name === 'settings.changed') applyMenu(event.payload.language);
    if (event.name === 'opinion.notify') alertNotifier.show(event.payload);
  });
  // A screen plugged in or out changes the war-room screen choices.
  screen.on('display-added', () => applyMenu(menuLanguage));
  screen.on('display-removed', () => applyMenu(menuLanguage));
  const settings = await core.call('settings.get', {});
  applyMenu(settings.ok ? (settings.value as Settings).language : 'zh-CN');
  createWindow();
}

function createWindow(): void {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(stateFile, screen.getAllDisplays().map((d) => d.workArea));
  mainWindow = createCockpitWindow(
    (options) => new BrowserWindow(options),
    {
      x: state.x,
      y: state.y,
      width: state.width,
      height: state.height,
      minWidth: 1024,
      minHeight: 640,
      show: false,
      title: '运营驾驶舱 Ops Cockpit',
      backgroundColor: '#141414',
    },
    { preloadPath: path.join(here, '../preload/index.cjs'), openExternal: (url) => void shell.openExternal(url) },
  );
  if (state.maximized) mainWindow.maximize();
  if (state.fullScreen) mainWindow.setFullScreen(true);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('close', () => {
    if (!mainWindow) return;
    saveWindowState(stateFile, {
      ...mainWindow.getNormalBounds(),
      maximized: mainWindow.isMaximized(),
      fullScreen: mainWindow.isFullScreen(),
    });
  });
  mainWindow.on('closed', () => (mainWindow = null));
  if (RENDERER_DEV_URL) void mainWindow.loadURL(RENDERER_DEV_URL);
  else void mainWindow.loadFile(rendererFile);
}

/** The save dialog over the window being printed, starting in the user's documents. */
function pdfHost(source: PdfSource) {
  return {
    async chooseTarget(suggestedName: string) {
      const owner = BrowserWindow.getAllWindows().find((w) => w.webContents === source) ?? mainWindow;
      const options = { defaultPath: path.join(app.getPath('documents'), suggestedName), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
      const answer = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return answer.canceled || !answer.filePath ? null : answer.filePath;
    },
  };
}

/** File › Save page as PDF: the focused window as it stands, named after its title and the time. */
function savePageAsPdf(): void {
  const window = BrowserWindow.getFocusedWindow() ?? mainWindow;
  if (!window) return;
  const name = `${window.getTitle()} ${new Date().toISOString().slice(0, 16).replace(':', '')}`;
  void exportPdf(window.webContents, pdfHost(window.webContents), name).then((answer) => {
    if (!answer.ok) dialog.showErrorBox('Ops Cockpit', `PDF 未能保存 / The PDF was not saved: ${answer.message}`);
  });
}

function applyMenu(language: Settings['language']): void {
  menuLanguage = language;
  const about = (): void => {
    void dialog.showMessageBox({ title: 'Ops Cockpit', message: `运营驾驶舱 Ops Cockpit ${app.getVersion()}` });
  };
  const displays: DisplayChoice[] = screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, label: d.label, primary: d.id === screen.getPrimaryDisplay().id }));
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(language, about, app.isPackaged, { actions: warRoomActions, displays }, savePageAsPdf)));
}

const warRoomActions: WarRoomActions = {
  toggleWarRoomMode() {
    if (!mainWindow) return;
    const window = mainWindow;
    const route = toggledRoute(new URL(window.webContents.getURL()).hash);
    void window.webContents.executeJavaScript(routeScript(route === WAR_ROOM_ROUTE ? WAR_ROOM_ROUTE : '/'));
    window.setFullScreen(route === WAR_ROOM_ROUTE);
  },
  openWarRoomScreen(display) {
    const open = warRoomWindows.get(display.id);
    if (open && !open.isDestroyed()) {
      open.focus();
      return;
    }
    const window = createCockpitWindow(
      (options) => new BrowserWindow(options),
      { ...warRoomWindowBounds(display), show: false, title: '作战室 War room · 运营驾驶舱', backgroundColor: '#0b1020', autoHideMenuBar: true },
      { preloadPath: path.join(here, '../preload/index.cjs'), openExternal: (url) => void shell.openExternal(url) },
    );
    warRoomWindows.set(display.id, window);
    window.on('closed', () => warRoomWindows.delete(display.id));
    window.once('ready-to-show', () => {
      window.setFullScreen(true);
      window.show();
    });
    if (RENDERER_DEV_URL) void window.loadURL(`${RENDERER_DEV_URL}#${WAR_ROOM_ROUTE}`);
    else void window.loadFile(rendererFile, { hash: WAR_ROOM_ROUTE });
  },
};

/** Packaged builds keep extra files under `resources/`; development reads them from the repo. */
function resourcePath(name: string, developmentPath: string): string {
  const packaged = path.join(process.resourcesPath, name);
  return app.isPackaged && fs.existsSync(packaged) ? packaged : developmentPath;
}

/**
 * better-sqlite3 built for Electron's ABI lives apart from the Node build the tests use (see
 * scripts/rebuild-native-for-electron.mjs); undefined falls back to the default addon.
 */
function electronNativeBinding(): string | undefined {
  const candidate = resourcePath(
    path.join('native', 'better_sqlite3.node'),
    path.join(app.getAppPath(), '.native', 'electron', 'better_sqlite3.node'),
  );
  return fs.existsSync(candidate) ? candidate : undefined;
}
