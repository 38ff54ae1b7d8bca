/**
 * The Web Worker port handles a worker's error event: the pool hears the error with the browser's
 * message, and the event is not left to propagate into the scope that made the worker (in the app,
 * the coordinator's Web Worker, which it would crash).
 */
import { describe, expect, it } from 'vitest';
import { createWebWorkerPort } from './webWorkerPort';

function fakeWorker() {
  const listeners = new Map<string, (event: never) => void>();
  return {
    terminated: false,
    postMessage: () => {},
    addEventListener: (type: string, listener: (event: never) => void) => listeners.set(type, listener),
    terminate() {
      this.terminated = true;
    },
    /** Fires an error event as a browser does; true when its default was prevented. */
    throwInside(message: string): boolean {
      let prevented = false;
      listeners.get('error')!({ message, preventDefault: () => (prevented = true) } as never);
      return prevented;
    },
  };
}

describe('createWebWorkerPort', () => {
  it('hands a worker error to the pool and keeps it from reaching the parent scope', () => {
    const worker = fakeWorker();
    const heard: string[] = [];
    createWebWorkerPort(worker).onError((e) => heard.push(e.message));
    expect(worker.throwInside('Uncaught RangeError: Invalid array length')).toBe(true);
    expect(heard).toEqual(['Uncaught RangeError: Invalid array length']);
  });

  it('names a worker that failed without a message (a script that did not load)', () => {
    const worker = fakeWorker();
    const heard: string[] = [];
    createWebWorkerPort(worker).onError((e) => heard.push(e.message));
    worker.throwInside('');
    expect(heard).toEqual(['the simulation worker failed to start']);
  });
});
