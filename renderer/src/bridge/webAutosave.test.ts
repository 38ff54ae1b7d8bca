// @vitest-environment happy-dom
/**
 * The browser autosave store: IndexedDB first, localStorage where IndexedDB cannot be
 * opened, and an entry an older version left in localStorage still offered back.
 * The browser test 41-web-autosave-kill proves the real IndexedDB survives a kill.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createAutosaveStore, legacyAutosaveKey } from './webAutosave';

/** Just enough of IndexedDB for one object store: requests and transactions finish asynchronously, as in a browser. */
function fakeIndexedDb(options: { failOpen?: boolean } = {}): { factory: IDBFactory; rows: Map<string, unknown> } {
  const rows = new Map<string, unknown>();
  const later = (fn: () => void) => setTimeout(fn, 0);
  const request = <T>(result: () => T) => {
    const r = { result: undefined as T | undefined, error: null, onsuccess: null as null | (() => void), onerror: null as null | (() => void) };
    later(() => {
      r.result = result();
      r.onsuccess?.();
    });
    return r;
  };
  const database = {
    transaction() {
      const t = { oncomplete: null as null | (() => void), onerror: null, onabort: null, error: null };
      const store = {
        put: (value: unknown, key: string) => request(() => rows.set(key, value)),
        get: (key: string) => request(() => rows.get(key)),
        delete: (key: string) => request(() => rows.delete(key)),
      };
      later(() => later(() => t.oncomplete?.()));
      return Object.assign(t, { objectStore: () => store });
    },
    createObjectStore: () => undefined,
  };
  const factory = {
    open() {
      const r = { result: database, error: options.failOpen ? new Error('blocked') : null, onsuccess: null as null | (() => void), onerror: null as null | (() => void), onupgradeneeded: null as null | (() => void) };
      later(() => {
        if (options.failOpen) return r.onerror?.();
        r.onupgradeneeded?.();
        r.onsuccess?.();
      });
      return r;
    },
  };
  return { factory: factory as unknown as IDBFactory, rows };
}

const entry = (text: string) => ({ text, name: 'shop.headroom.json', savedAt: '2026-12-06T10:00:00.000Z' });

describe('web autosave store', () => {
  beforeEach(() => localStorage.clear());

  it('keeps the entry in IndexedDB and nothing in localStorage', async () => {
    const idb = fakeIndexedDb();
    const store = createAutosaveStore(idb.factory, localStorage);
    await store.save(entry('{"a":1}'));
    expect(idb.rows.get('current')).toEqual(entry('{"a":1}'));
    expect(localStorage.getItem(legacyAutosaveKey)).toBeNull();
    expect(await store.load()).toEqual(entry('{"a":1}'));
    await store.clear();
    expect(await store.load()).toBeNull();
  });

  it('offers back an entry an older version left in localStorage, and forgets it once a newer one is saved', async () => {
    localStorage.setItem(legacyAutosaveKey, JSON.stringify(entry('{"old":true}')));
    const store = createAutosaveStore(fakeIndexedDb().factory, localStorage);
    expect(await store.load()).toEqual(entry('{"old":true}'));
    await store.save(entry('{"new":true}'));
    expect(localStorage.getItem(legacyAutosaveKey)).toBeNull();
    expect(await store.load()).toEqual(entry('{"new":true}'));
  });

  it('ignores a localStorage entry that is not an autosave', async () => {
    const store = createAutosaveStore(fakeIndexedDb().factory, localStorage);
    for (const raw of ['{"text":1}', 'not json', '[]', 'null']) {
      localStorage.setItem(legacyAutosaveKey, raw);
      expect(await store.load()).toBeNull();
    }
  });

  it('falls back to localStorage when IndexedDB is missing or cannot be opened', async () => {
    for (const factory of [undefined, fakeIndexedDb({ failOpen: true }).factory]) {
      localStorage.clear();
      const store = createAutosaveStore(factory, localStorage);
      await store.save(entry('{"b":2}'));
      expect(JSON.parse(localStorage.getItem(legacyAutosaveKey) ?? 'null')).toEqual(entry('{"b":2}'));
      expect(await store.load()).toEqual(entry('{"b":2}'));
      await store.clear();
      expect(await store.load()).toBeNull();
    }
  });

  it('never rejects, even with no storage at all', async () => {
    const store = createAutosaveStore(undefined, undefined);
    await expect(store.save(entry('{}'))).resolves.toBeUndefined();
    await expect(store.load()).resolves.toBeNull();
    await expect(store.clear()).resolves.toBeUndefined();
  });
});
