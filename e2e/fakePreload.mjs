/**
 * A fake Electron preload for e2e: installs `window.headroom` with the preload's
 * API, recording every call in `window.__calls`, so the renderer runs its
 * Electron bridge unchanged. Tests drive menu commands and open requests
 * through `window.__menu(cmd)` and `window.__openRequest(doc)`. `recent` is main's
 * recent list: `{handle, name, text}`, a null text standing for a file that has gone.
 */
export function fakePreload({ locale = 'en-US', openText = null, openName = 'model.headroom.json', autosave = null, recent = [] } = {}) {
  const calls = [];
  const menu = new Set();
  const open = new Set();
  const close = new Set();
  const record = (name, ...args) => calls.push({ name, args: JSON.parse(JSON.stringify(args)) });
  window.__calls = calls;
  window.__menu = (cmd) => menu.forEach((h) => h(cmd));
  window.__openRequest = (doc) => open.forEach((h) => h(doc));
  window.__closeRequest = (id) => close.forEach((h) => h(id));
  let saves = 0;
  window.headroom = {
    platform: 'electron',
    async openDocument() {
      record('openDocument');
      return openText === null ? null : { handle: 'h-open', name: openName, text: openText };
    },
    async openRecent(handle) {
      record('openRecent', handle);
      const item = recent.find((r) => r.handle === handle);
      if (item && item.text === null) throw new Error(`“${item.name}” no longer exists.`);
      return item ? { handle, name: item.name, text: item.text } : null;
    },
    async listRecent() {
      record('listRecent');
      return recent.map(({ handle, name }) => ({ handle, name }));
    },
    async saveDocument(request) {
      record('saveDocument', request);
      saves++;
      return { handle: request.handle ?? `h-saved-${saves}`, name: request.handle ? openName : request.suggestedName };
    },
    async autosave(text, name) {
      record('autosave', text.length, name);
    },
    async loadAutosave() {
      record('loadAutosave');
      return autosave;
    },
    async clearAutosave() {
      record('clearAutosave');
    },
    async getSystemLocale() {
      record('getSystemLocale');
      return locale;
    },
    async exportFile(request) {
      record('exportFile', { suggestedName: request.suggestedName, mime: request.mime, size: request.data.length ?? request.data.byteLength });
      return true;
    },
    async exportPdf(html, suggestedName) {
      record('exportPdf', html.length, suggestedName);
      return true;
    },
    setDirty(dirty, name) {
      record('setDirty', dirty, name);
    },
    setLanguage(language) {
      record('setLanguage', language);
    },
    onMenuCommand(handler) {
      menu.add(handler);
      return () => menu.delete(handler);
    },
    onOpenRequest(handler) {
      open.add(handler);
      return () => open.delete(handler);
    },
    onCloseRequest(handler) {
      close.add(handler);
      return () => close.delete(handler);
    },
    answerCloseRequest(requestId, saved) {
      record('answerCloseRequest', requestId, saved);
    },
  };
}
