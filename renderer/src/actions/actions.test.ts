// @vitest-environment happy-dom
/** The action registry: shortcuts and menu commands reach the same actions, which edit through the stores. */
import { describe, expect, it, vi } from 'vitest';
import { createStores } from '../stores/context';
import { emptyScenario } from '../model/newScenario';
import { createActionRegistry, placeNode } from './appActions';
import { shortcutOf, type ActionContext } from './registry';
import type { HostBridge } from '../../../contract/bridge';
import type { ResultDocument } from '../../../simulation/model/result';
import { isDirty } from '../stores/documentStore';
import { connect } from '../model/operations';
import { openText, saveDocument } from './fileOps';

function fakeBridge(): HostBridge & { saved: string[] } {
  const saved: string[] = [];
  return {
    platform: 'web',
    saved,
    openDocument: vi.fn(async () => null),
    openRecent: vi.fn(async () => null),
    listRecent: vi.fn(async () => []),
    saveDocument: vi.fn(async (r) => {
      saved.push(r.text);
      return { handle: 'h', name: r.suggestedName };
    }),
    autosave: vi.fn(async () => undefined),
    loadAutosave: vi.fn(async () => null),
    clearAutosave: vi.fn(async () => undefined),
    getSystemLocale: vi.fn(async () => 'en'),
    exportFile: vi.fn(async () => true),
    exportPdf: vi.fn(async () => true),
    setDirty: vi.fn(),
    setLanguage: vi.fn(),
    onMenuCommand: () => () => undefined,
    onOpenRequest: () => () => undefined,
  };
}

function setup() {
  const stores = createStores(emptyScenario('Shop'));
  const bridge = fakeBridge();
  const ctx: ActionContext = {
    stores,
    bridge,
    sim: { run: vi.fn(), sweep: vi.fn(), compare: vi.fn(), replications: vi.fn(), metastability: vi.fn(), dispose: vi.fn() },
    t: ((k: string) => k) as never,
    flow: () => null,
    changeLanguage: vi.fn(),
    language: () => 'en',
  };
  return { stores, bridge, ctx, registry: createActionRegistry() };
}

describe('actions', () => {
  it('maps keyboard events to shortcuts', () => {
    expect(shortcutOf({ key: 'z', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false })).toBe('Mod+Z');
    expect(shortcutOf({ key: 'Z', ctrlKey: true, metaKey: false, altKey: false, shiftKey: true })).toBe('Mod+Shift+Z');
    expect(shortcutOf({ key: 'Delete', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false })).toBe('Delete');
  });

  it('finds the same undo action by shortcut and by menu command', () => {
    const { registry } = setup();
    expect(registry.byShortcut('Mod+Z')?.id).toBe('edit.undo');
    expect(registry.byMenu('edit:undo')?.id).toBe('edit.undo');
    expect(registry.byShortcut('Mod+Y')?.id).toBe('edit.redo');
    expect(registry.byShortcut('Mod+Shift+Z')?.id).toBe('edit.redo');
    for (const cmd of ['file:new', 'file:open', 'file:save', 'file:saveAs', 'edit:cut', 'edit:copy', 'edit:paste', 'edit:delete', 'edit:selectAll', 'run:start', 'run:cancel', 'view:zoomIn', 'view:zoomOut', 'view:fit'] as const) {
      expect(registry.byMenu(cmd), cmd).toBeDefined();
    }
  });

  it('copy, paste, delete, undo and redo through the registry', async () => {
    const { stores, ctx, registry } = setup();
    placeNode(ctx, 'service', { x: 0, y: 0 });
    placeNode(ctx, 'database', { x: 300, y: 0 });
    stores.document.getState().edit((d) => void connect(d, 'service', 'db'));
    stores.session.getState().select({ nodes: ['service', 'db'], edges: [] });
    await registry.run('edit.copy', ctx);
    await registry.run('edit.paste', ctx);
    const ids = () => stores.document.getState().scenario.nodes.map((n) => n.id);
    expect(ids()).toEqual(['service', 'db', 'service-2', 'db-2']);
    expect(stores.session.getState().selection.nodes).toEqual(['service-2', 'db-2']);
    expect(stores.document.getState().scenario.edges).toHaveLength(2);
    await registry.run('edit.delete', ctx);
    expect(ids()).toEqual(['service', 'db']);
    await registry.run('edit.undo', ctx);
    expect(ids()).toHaveLength(4);
    await registry.run('edit.redo', ctx);
    expect(ids()).toEqual(['service', 'db']);
    // Each further paste lands further away.
    await registry.run('edit.paste', ctx);
    await registry.run('edit.paste', ctx);
    const pos = stores.document.getState().scenario.nodes.slice(2).map((n) => n.position.x);
    expect(pos).toEqual([80, 380, 120, 420]);
  });

  it('undo is disabled with nothing to undo', async () => {
    const { ctx, registry } = setup();
    expect(await registry.run('edit.undo', ctx)).toBe(false);
  });

  it('auto layout is one undo step', async () => {
    const { stores, ctx, registry } = setup();
    placeNode(ctx, 'source', { x: 500, y: 500 });
    placeNode(ctx, 'service', { x: 0, y: 0 });
    stores.document.getState().edit((d) => void connect(d, 'users', 'service'));
    const steps = stores.document.getState().past.length;
    await registry.run('view.autoLayout', ctx);
    expect(stores.document.getState().past.length).toBe(steps + 1);
    expect(stores.document.getState().scenario.nodes.map((n) => n.position.x)).toEqual([0, 300]);
  });

  it('save hands the file text to the host and makes the document clean', async () => {
    const { stores, ctx, bridge } = setup();
    placeNode(ctx, 'service', { x: 0, y: 0 });
    expect(isDirty(stores.document.getState())).toBe(true);
    expect(await saveDocument(ctx, false)).toBe(true);
    expect(bridge.saveDocument).toHaveBeenCalledWith(expect.objectContaining({ handle: null, saveAs: true, suggestedName: 'shop.headroom.json' }));
    expect(JSON.parse(bridge.saved[0]!).nodes[0].id).toBe('service');
    expect(isDirty(stores.document.getState())).toBe(false);
    expect(stores.document.getState().handle).toBe('h');
    await saveDocument(ctx, false);
    expect(bridge.saveDocument).toHaveBeenLastCalledWith(expect.objectContaining({ handle: 'h', saveAs: false }));
  });

  it.each([
    [true, 'new text', 2],
    [false, null, 1],
  ])('a read-only file is replaced only after the question is answered (replace: %s)', async (replace, written, calls) => {
    const { stores, ctx, bridge } = setup();
    placeNode(ctx, 'service', { x: 0, y: 0 });
    stores.document.getState().markSaved('locked.headroom.json', 'h-locked');
    placeNode(ctx, 'database', { x: 300, y: 0 });
    const sent: { overwriteReadOnly?: boolean }[] = [];
    bridge.saveDocument = vi.fn(async (r) => {
      sent.push(r);
      return r.overwriteReadOnly ? { handle: 'h-locked', name: 'locked.headroom.json' } : { readOnly: true as const, handle: 'h-locked', name: 'locked.headroom.json' };
    });
    const saving = saveDocument(ctx, false);
    await vi.waitFor(() => expect(stores.session.getState().dialog?.kind).toBe('confirmReadOnly'));
    const dialog = stores.session.getState().dialog as { kind: 'confirmReadOnly'; name: string; answer: (r: boolean) => void };
    expect(dialog.name).toBe('locked.headroom.json');
    dialog.answer(replace);
    expect(await saving).toBe(replace);
    expect(sent).toHaveLength(calls);
    expect(sent[0]!.overwriteReadOnly).toBeUndefined();
    if (written) expect(sent[1]).toEqual(expect.objectContaining({ handle: 'h-locked', saveAs: false, overwriteReadOnly: true }));
    expect(isDirty(stores.document.getState())).toBe(!replace);
  });

  it('an unreadable file leaves the document as it was and says why', () => {
    const { stores, ctx } = setup();
    placeNode(ctx, 'service', { x: 0, y: 0 });
    const before = stores.document.getState().scenario;
    expect(openText(ctx, { handle: null, name: 'bad.json', text: '{ nope' })).toBe(false);
    expect(stores.document.getState().scenario).toBe(before);
    const notice = stores.session.getState().notices.at(-1)!;
    expect(notice.tone).toBe('error');
    expect(notice.detail).toMatch(/not valid JSON/);
  });

  it('running an invalid model explains instead of starting', async () => {
    const { stores, ctx, registry } = setup();
    placeNode(ctx, 'service', { x: 0, y: 0 });
    await registry.run('run.start', ctx);
    expect(ctx.sim.run).not.toHaveBeenCalled();
    expect(stores.session.getState().notices.at(-1)?.tone).toBe('error');
  });

  it('a run reports progress, stores the result, and can be cancelled', async () => {
    const { stores, ctx, registry } = setup();
    placeNode(ctx, 'source', { x: 0, y: 0 });
    placeNode(ctx, 'service', { x: 300, y: 0 });
    stores.document.getState().edit((d) => void connect(d, 'users', 'service'));
    let release!: () => void;
    ctx.sim.run = vi.fn<ActionContext['sim']['run']>(
      (_s, o) =>
        new Promise<ResultDocument>((resolve, reject) => {
          o?.onProgress?.({ fraction: 0.5, events: 10, replicationsDone: 2, replications: 5 });
          o?.signal?.addEventListener('abort', () => reject(Object.assign(new Error('x'), { name: 'AbortError' })));
          release = () => resolve({ summary: {} } as never);
        }),
    );
    const run = registry.run('run.start', ctx);
    await Promise.resolve();
    expect(stores.runs.getState().status).toBe('running');
    expect(stores.runs.getState().progress?.fraction).toBe(0.5);
    await registry.run('run.cancel', ctx);
    await run;
    expect(stores.runs.getState().status).toBe('cancelled');
    const again = registry.run('run.start', ctx);
    await Promise.resolve();
    release();
    await again;
    expect(stores.runs.getState().status).toBe('done');
    expect(stores.runs.getState().result).not.toBeNull();
  });

  it('refuses a run that cannot finish before any worker starts, naming the fields to change, in the app\'s language', async () => {
    const { stores, ctx, registry } = setup();
    placeNode(ctx, 'source', { x: 0, y: 0 });
    placeNode(ctx, 'service', { x: 300, y: 0 });
    stores.document.getState().edit((d) => {
      connect(d, 'users', 'service');
      d.run = { duration: 2_592_000, replications: 1000 };
      const src = d.nodes.find((n) => n.kind === 'source');
      if (src?.kind === 'source' && src.arrival.process !== 'closed') src.arrival.rate = 1_000_000;
    });
    await registry.run('run.start', ctx);
    expect(ctx.sim.run).not.toHaveBeenCalled();
    const notice = stores.session.getState().notices.at(-1);
    expect(notice?.tone).toBe('error');
    expect(JSON.stringify(notice)).toContain('run.refused');
    expect(JSON.stringify(notice)).toContain('run.duration');
    ctx.language = () => 'zh-CN';
    await registry.run('run.start', ctx);
    expect(JSON.stringify(stores.session.getState().notices.at(-1))).toContain('请缩短运行时长');
  });
});

