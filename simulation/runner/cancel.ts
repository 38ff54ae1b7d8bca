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
