/**
 * Closing a window with unsaved changes: the decision steps as pure functions, the
 * flow that strings them together over injected prompts, and the bookkeeping for the
 * save-before-close handshake with the renderer.
 */
import { randomBytes } from 'node:crypto';
import type { UnsavedChoice } from '../platform/ports';

/** What to do when a window is asked to close. */
export type CloseStep = 'close' | 'prompt' | 'ignore';

/**
 * First step of a close: let it through, ask the user, or ignore it because a prompt
 * is already showing. A renderer that has crashed cannot save, and its work is in the
 * autosave, so it closes without asking.
 */
export function decideOnClose(state: { approved: boolean; dirty: boolean; closing: boolean; rendererAlive: boolean }): CloseStep {
  if (state.approved) return 'close';
  if (state.closing) return 'ignore';
  if (!state.dirty || !state.rendererAlive) return 'close';
  return 'prompt';
}

/** Second step, after the Save / Don't Save / Cancel prompt. */
export function decideAfterPrompt(choice: UnsavedChoice): 'save' | 'close' | 'stay' {
  if (choice === 'save') return 'save';
  if (choice === 'discard') return 'close';
  return 'stay';
}

/** Third step, after the renderer tried to save. */
export function decideAfterSave(saved: boolean): 'close' | 'stay' {
  return saved ? 'close' : 'stay';
}

/** Dependencies of {@link confirmClose}. */
export interface ConfirmCloseDeps {
  ask(): Promise<UnsavedChoice>;
  /** Asks the renderer to save; resolves with whether it did. */
  requestSave(): Promise<boolean>;
}

/** Runs prompt → (save) for a dirty window; true when the window may close. */
export async function confirmClose(deps: ConfirmCloseDeps): Promise<boolean> {
  const next = decideAfterPrompt(await deps.ask());
  if (next === 'close') return true;
  if (next === 'stay') return false;
  return decideAfterSave(await deps.requestSave()) === 'close';
}

/**
 * Outstanding save-before-close requests. Each has an id the renderer echoes back;
 * answers for unknown ids or from the wrong window are ignored, and a window whose
 * renderer goes away resolves its requests as "not saved".
 */
export class CloseRequests {
  private readonly pending = new Map<string, { windowId: number; resolve: (saved: boolean) => void }>();

  constructor(private readonly mintId: () => string = () => randomBytes(12).toString('base64url')) {}

  /** Sends a request via `send(id)` and waits for its answer. */
  request(windowId: number, send: (requestId: string) => void): Promise<boolean> {
    const id = this.mintId();
    return new Promise<boolean>((resolve) => {
      this.pending.set(id, { windowId, resolve });
      try {
        send(id);
      } catch {
        this.settle(id, false);
      }
    });
  }

  /** Records the renderer's answer; returns false if it matched nothing. */
  answer(windowId: number, requestId: string, saved: boolean): boolean {
    const entry = this.pending.get(requestId);
    if (!entry || entry.windowId !== windowId) return false;
    this.settle(requestId, saved);
    return true;
  }

  /** Resolves all of a window's requests as not saved (renderer crashed or window destroyed). */
  abandon(windowId: number): void {
    for (const [id, entry] of this.pending) if (entry.windowId === windowId) this.settle(id, false);
  }

  /** Number of requests still waiting. */
  get size(): number {
    return this.pending.size;
  }

  private settle(id: string, saved: boolean): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    entry.resolve(saved);
  }
}
