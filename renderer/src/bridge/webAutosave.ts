/**
 * The browser's autosave: one entry, kept where it survives the browser being killed.
 *
 * IndexedDB is the store because a finished transaction has reached the browser's
 * database on disk, while localStorage is written back lazily (Chromium batches its
 * writes for seconds), so a kill soon after an edit loses it. localStorage stays as the
 * fallback where IndexedDB cannot be opened (some private modes), and an entry an older
 * version left there is still offered back.
 */
import type { AutosaveEntry } from '../../../contract/bridge';

export interface AutosaveStore {
  save(entry: AutosaveEntry): Promise<void>;
  load(): Promise<AutosaveEntry | null>;
  clear(): Promise<void>;
}

export const legacyAutosaveKey = 'headroom.autosave';
const databaseName = 'headroom';
const storeName = 'autosave';
const entryKey = 'current';

function isEntry(value: unknown): value is AutosaveEntry {
  if (typeof value !== 'object' || value === null) return false;
  const { text, name, savedAt } = value as Record<string, unknown>;
  return typeof text === 'string' && typeof name === 'string' && typeof savedAt === 'string';
}

function readLegacy(storage: Storage | undefined): AutosaveEntry | null {
  try {
    const raw = storage?.getItem(legacyAutosaveKey);
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    return isEntry(value) ? value : null;
  } catch {
    return null;
  }
}

function requestDone<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function transactionDone(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  const request = factory.open(databaseName, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(storeName);
  return requestDone(request);
}

/** Keeps the entry in IndexedDB when `factory` works, else in `storage`. */
export function createAutosaveStore(factory: IDBFactory | undefined, storage: Storage | undefined): AutosaveStore {
  let database: Promise<IDBDatabase | null> | null = null;
  const opened = (): Promise<IDBDatabase | null> => {
    database ??= factory ? openDatabase(factory).catch(() => null) : Promise.resolve(null);
    return database;
  };
  const forgetLegacy = () => {
    try {
      storage?.removeItem(legacyAutosaveKey);
    } catch {
      // Storage disabled: there is nothing to forget.
    }
  };
  const saveToStorage = (entry: AutosaveEntry) => {
    try {
      storage?.setItem(legacyAutosaveKey, JSON.stringify(entry));
    } catch {
      // Storage full or disabled: autosave is best effort.
    }
  };
  // Neither method rejects: an autosave is best effort, and a save that succeeded must
  // not be reported as failed because its autosave could not be cleared.
  return {
    async save(entry) {
      const db = await opened();
      if (!db) return saveToStorage(entry);
      try {
        const transaction = db.transaction(storeName, 'readwrite');
        transaction.objectStore(storeName).put(entry, entryKey);
        await transactionDone(transaction);
      } catch {
        return saveToStorage(entry);
      }
      // The newer entry is in IndexedDB; an older one in localStorage must not win later.
      forgetLegacy();
    },
    async load() {
      const db = await opened();
      if (db) {
        try {
          const value: unknown = await requestDone(db.transaction(storeName, 'readonly').objectStore(storeName).get(entryKey));
          if (isEntry(value)) return value;
        } catch {
          // An unreadable entry is as good as none; the legacy one may still be there.
        }
      }
      return readLegacy(storage);
    },
    async clear() {
      forgetLegacy();
      const db = await opened();
      if (!db) return;
      try {
        const transaction = db.transaction(storeName, 'readwrite');
        transaction.objectStore(storeName).delete(entryKey);
        await transactionDone(transaction);
      } catch {
        // Left behind, it is offered once more at the next start; nothing is lost.
      }
    },
  };
}

/** The store of this page: IndexedDB and localStorage where the browser has them. */
export function createPageAutosaveStore(): AutosaveStore {
  const factory = typeof indexedDB === 'undefined' ? undefined : indexedDB;
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  return createAutosaveStore(factory, storage);
}
