/**
 * Test doubles for ports: a scripted dialog port that records what it was asked,
 * and a logger that collects messages. Only *.test.ts files import this.
 */
import { vi } from 'vitest';
import type { DialogPort, LoggerPort, UnsavedChoice } from '../platform/ports';

/** A dialog port whose answers are queued by the test. */
export function fakeDialogs() {
  const openAnswers: (string | null)[] = [];
  const saveAnswers: (string | null)[] = [];
  const unsavedAnswers: UnsavedChoice[] = [];
  const dialogs = {
    showOpen: vi.fn<DialogPort['showOpen']>(async () => openAnswers.shift() ?? null),
    showSave: vi.fn<DialogPort['showSave']>(async () => saveAnswers.shift() ?? null),
    askUnsaved: vi.fn<DialogPort['askUnsaved']>(async () => unsavedAnswers.shift() ?? 'cancel'),
    showError: vi.fn<DialogPort['showError']>(),
  } satisfies DialogPort;
  return { dialogs, openAnswers, saveAnswers, unsavedAnswers };
}

/** A logger that records calls. */
export function fakeLogger() {
  return { warn: vi.fn<LoggerPort['warn']>(), error: vi.fn<LoggerPort['error']>() } satisfies LoggerPort;
}
