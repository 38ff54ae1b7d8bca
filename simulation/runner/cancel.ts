/**
 * Cancellation without depending on DOM or Node typings: any AbortSignal fits
 * `SignalLike`, and a cancelled run rejects with an error named "AbortError", as
 * fetch and the other platform APIs do.
 */

export interface SignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export class CancelledError extends Error {
  override readonly name = 'AbortError';
  constructor(message = 'the run was cancelled') {
    super(message);
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** A signal that aborts when told to or when its parent does: to stop part of a run without cancelling the rest. */
export class ChildSignal implements SignalLike {
  private listeners = new Set<() => void>();
  private stopped = false;
  constructor(private readonly parent?: SignalLike) {
    parent?.addEventListener('abort', this.abort);
  }
  get aborted(): boolean {
    return this.stopped || (this.parent?.aborted ?? false);
  }
  readonly abort = (): void => {
    if (this.stopped) return;
    this.stopped = true;
    this.parent?.removeEventListener('abort', this.abort);
    for (const listener of [...this.listeners]) listener();
  };
  addEventListener(_type: 'abort', listener: () => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'abort', listener: () => void): void {
    this.listeners.delete(listener);
  }
  /** Stops listening to the parent once the work it guarded is over. */
  release(): void {
    this.parent?.removeEventListener('abort', this.abort);
  }
}
