/**
 * Everything main shows in words (menus, dialogs, errors), in English and Simplified
 * Chinese. The Chinese table is typed against the English keys, and strings.test.ts
 * checks both are complete and keep the same {placeholders}.
 */
import type { UiLanguage } from '../../contract/bridge';

/** English, also the fallback for any language we do not ship. */
export const en = {
  'app.about': 'About Headroom',
  'app.services': 'Services',
  'app.hide': 'Hide Headroom',
  'app.hideOthers': 'Hide Others',
  'app.showAll': 'Show All',
  'app.quit': 'Quit Headroom',

  'menu.file': '&File',
  'menu.file.new': 'New',
  'menu.file.open': 'Open…',
  'menu.file.openRecent': 'Open Recent',
  'menu.file.noRecent': 'No Recent Files',
  'menu.file.clearRecent': 'Clear Recently Opened',
  'menu.file.save': 'Save',
  'menu.file.saveAs': 'Save As…',
  'menu.file.import': 'Import…',
  'menu.file.export': 'Export…',
  'menu.file.close': 'Close Window',
  'menu.file.quit': 'Exit',

  'menu.edit': '&Edit',
  'menu.edit.undo': 'Undo',
  'menu.edit.redo': 'Redo',
  'menu.edit.cut': 'Cut',
  'menu.edit.copy': 'Copy',
  'menu.edit.paste': 'Paste',
  'menu.edit.delete': 'Delete',
  'menu.edit.selectAll': 'Select All',

  'menu.run': '&Run',
  'menu.run.start': 'Run Simulation',
  'menu.run.cancel': 'Cancel Run',

  'menu.view': '&View',
  'menu.view.zoomIn': 'Zoom In',
  'menu.view.zoomOut': 'Zoom Out',
  'menu.view.fit': 'Zoom to Fit',
  'menu.view.fullscreen': 'Toggle Full Screen',
  'menu.view.reload': 'Reload',
  'menu.view.devtools': 'Toggle Developer Tools',

  'menu.window': '&Window',
  'menu.window.minimize': 'Minimize',
  'menu.window.zoom': 'Zoom',
  'menu.window.front': 'Bring All to Front',

  'menu.help': '&Help',
  'menu.help.about': 'About Headroom',

  'dialog.open.title': 'Open Scenario',
  'dialog.save.title': 'Save Scenario',
  'dialog.export.title': 'Export',
  'dialog.exportPdf.title': 'Export PDF',
  'filter.scenario': 'Headroom scenario',
  'filter.pdf': 'PDF document',
  'filter.all': 'All files',
  'dialog.unsaved.message': 'Do you want to save the changes you made to {name}?',
  'dialog.unsaved.detail': "Your changes will be lost if you don't save them.",
  'dialog.unsaved.save': 'Save',
  'dialog.unsaved.discard': "Don't Save",
  'dialog.unsaved.cancel': 'Cancel',
  'document.untitled': 'Untitled',

  'error.title': 'Headroom',
  'error.missing': '“{name}” no longer exists.',
  'error.unreadable': 'Could not open “{name}”: {reason}',
  'error.tooLarge': '“{name}” is too large to open.',
  'error.saveFailed': 'Could not save “{name}”: {reason}. The file on disk was not changed.',
  'error.exportFailed': 'Could not export “{name}”: {reason}',
  'reason.permission': 'permission denied (the folder or the file may be read-only)',
  'reason.diskFull': 'the disk is full',
  'reason.folder': 'it is a folder',
  'reason.readOnlyDisk': 'the disk is read-only',
  'reason.noFolder': 'its folder does not exist',
} as const;

/** A key of the string tables. */
export type StringKey = keyof typeof en;
/** One language's complete table. */
export type Strings = Record<StringKey, string>;

/** Simplified Chinese. */
export const zhCN: Strings = {
  'app.about': '关于 Headroom',
  'app.services': '服务',
  'app.hide': '隐藏 Headroom',
  'app.hideOthers': '隐藏其他',
  'app.showAll': '全部显示',
  'app.quit': '退出 Headroom',

  'menu.file': '文件(&F)',
  'menu.file.new': '新建',
  'menu.file.open': '打开…',
  'menu.file.openRecent': '最近打开',
  'menu.file.noRecent': '没有最近的文件',
  'menu.file.clearRecent': '清除最近打开记录',
  'menu.file.save': '保存',
  'menu.file.saveAs': '另存为…',
  'menu.file.import': '导入…',
  'menu.file.export': '导出…',
  'menu.file.close': '关闭窗口',
  'menu.file.quit': '退出',

  'menu.edit': '编辑(&E)',
  'menu.edit.undo': '撤销',
  'menu.edit.redo': '重做',
  'menu.edit.cut': '剪切',
  'menu.edit.copy': '复制',
  'menu.edit.paste': '粘贴',
  'menu.edit.delete': '删除',
  'menu.edit.selectAll': '全选',

  'menu.run': '运行(&R)',
  'menu.run.start': '运行仿真',
  'menu.run.cancel': '取消运行',

  'menu.view': '视图(&V)',
  'menu.view.zoomIn': '放大',
  'menu.view.zoomOut': '缩小',
  'menu.view.fit': '缩放至适合',
  'menu.view.fullscreen': '切换全屏',
  'menu.view.reload': '重新加载',
  'menu.view.devtools': '切换开发者工具',

  'menu.window': '窗口(&W)',
  'menu.window.minimize': '最小化',
  'menu.window.zoom': '缩放',
  'menu.window.front': '前置全部窗口',

  'menu.help': '帮助(&H)',
  'menu.help.about': '关于 Headroom',

  'dialog.open.title': '打开场景',
  'dialog.save.title': '保存场景',
  'dialog.export.title': '导出',
  'dialog.exportPdf.title': '导出 PDF',
  'filter.scenario': 'Headroom 场景',
  'filter.pdf': 'PDF 文档',
  'filter.all': '所有文件',
  'dialog.unsaved.message': '是否保存对“{name}”的更改？',
  'dialog.unsaved.detail': '如果不保存，你的更改将会丢失。',
  'dialog.unsaved.save': '保存',
  'dialog.unsaved.discard': '不保存',
  'dialog.unsaved.cancel': '取消',
  'document.untitled': '未命名',

  'error.title': 'Headroom',
  'error.missing': '“{name}”已不存在。',
  'error.unreadable': '无法打开“{name}”：{reason}',
  'error.tooLarge': '“{name}”太大，无法打开。',
  'error.saveFailed': '无法保存“{name}”：{reason}。磁盘上的文件未被改动。',
  'error.exportFailed': '无法导出“{name}”：{reason}',
  'reason.permission': '没有权限（文件夹或文件可能是只读的）',
  'reason.diskFull': '磁盘已满',
  'reason.folder': '它是一个文件夹',
  'reason.readOnlyDisk': '磁盘是只读的',
  'reason.noFolder': '它所在的文件夹不存在',
};

/** Languages main ships: the renderer's, so STRING_TABLES must have a table for each one the user can pick. */
export type MenuLocale = UiLanguage;

/** Both tables by locale. */
export const STRING_TABLES: Record<MenuLocale, Strings> = { en, 'zh-CN': zhCN };

/**
 * Picks the table for the user's preferred languages (most preferred first). Any
 * Chinese variant gets Simplified Chinese: closer than English for every Chinese reader.
 */
export function resolveMenuLocale(preferred: readonly string[]): MenuLocale {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en';
  }
  return 'en';
}

/** Fills `{placeholders}` in a string. */
export function format(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** Drops the `&` mnemonic markers that only Windows and Linux menus understand. */
export function stripMnemonic(label: string): string {
  return label.replace(/\(&\w\)$/, '').replace(/&(\w)/, '$1');
}
