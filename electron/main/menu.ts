import type { MenuItemConstructorOptions } from 'electron';
import type { Settings } from '../core/api';
import { WAR_ROOM_LABELS, warRoomModeItem, warRoomScreenItem, type DisplayChoice, type WarRoomActions } from './war-room-window';

export interface WarRoomMenu {
  actions: WarRoomActions;
  displays: readonly DisplayChoice[];
}

const LABELS = {
  'zh-CN': { file: '文件', savePdf: '保存页面为 PDF…', quit: '退出', edit: '编辑', view: '视图', reload: '重新加载', fullscreen: '全屏', zoomIn: '放大', zoomOut: '缩小', resetZoom: '实际大小', devTools: '开发者工具', window: '窗口', minimize: '最小化', close: '关闭', help: '帮助', about: '关于运营驾驶舱', undo: '撤销', redo: '重做', cut: '剪切', copy: '复制', paste: '粘贴', selectAll: '全选' },
  en: { file: 'File', savePdf: 'Save Page as PDF…', quit: 'Quit', edit: 'Edit', view: 'View', reload: 'Reload', fullscreen: 'Toggle Full Screen', zoomIn: 'Zoom In', zoomOut: 'Zoom Out', resetZoom: 'Actual Size', devTools: 'Developer Tools', window: 'Window', minimize: 'Minimize', close: 'Close', help: 'Help', about: 'About Ops Cockpit', undo: 'Undo', redo: 'Redo', cut: 'Cut', copy: 'Copy', paste: 'Paste', selectAll: 'Select All' },
} as const;

/** The native menu, in the user's language; rebuilt when the language setting changes. */
export function menuTemplate(language: Settings['language'], onAbout: () => void, isPackaged: boolean, warRoom?: WarRoomMenu, onSavePdf?: () => void): MenuItemConstructorOptions[] {
  const t = LABELS[language];
  const w = WAR_ROOM_LABELS[language];
  return [
    {
      label: t.file,
      submenu: [
        ...(onSavePdf ? [{ label: t.savePdf, accelerator: 'CmdOrCtrl+P', click: onSavePdf }, { type: 'separator' as const }] : []),
        { label: t.quit, role: 'quit' },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { label: t.undo, role: 'undo' },
        { label: t.redo, role: 'redo' },
        { type: 'separator' },
        { label: t.cut, role: 'cut' },
        { label: t.copy, role: 'copy' },
        { label: t.paste, role: 'paste' },
        { label: t.selectAll, role: 'selectAll' },
      ],
    },
    {
      label: t.view,
      submenu: [
        ...(warRoom ? [warRoomModeItem(w, warRoom.actions), { type: 'separator' as const }] : []),
        { label: t.reload, role: 'reload' },
        // F11 is the war-room mode (full screen on the war-room route); plain full screen moves aside.
        { label: t.fullscreen, role: 'togglefullscreen', ...(warRoom ? { accelerator: 'Shift+F11' } : {}) },
        { label: t.zoomIn, role: 'zoomIn' },
        { label: t.zoomOut, role: 'zoomOut' },
        { label: t.resetZoom, role: 'resetZoom' },
        ...(isPackaged ? [] : [{ label: t.devTools, role: 'toggleDevTools' as const }]),
      ],
    },
    {
      label: t.window,
      submenu: [
        ...(warRoom && warRoom.displays.length > 0 ? [warRoomScreenItem(w, warRoom.displays, warRoom.actions), { type: 'separator' as const }] : []),
        { label: t.minimize, role: 'minimize' },
        { label: t.close, role: 'close' },
      ],
    },
    { label: t.help, submenu: [{ label: t.about, click: onAbout }] },
  ];
}
