/**
 * One abort controller per kind of simulation job (a run, a sweep, a comparison),
 * keyed by the store that shows it, so Cancel and Escape reach whatever is in
 * flight and a finished job does not cancel its successor.
 */
import type { TFunction } from 'i18next';
import { WorkerCrashedError } from '../../../simulation/runner/pool';

const controllers = new WeakMap<object, AbortController>();

export function beginJob(owner: object): AbortController {
  controllers.get(owner)?.abort();
  const controller = new AbortController();
  controllers.set(owner, controller);
  return controller;
}

export function endJob(owner: object, controller: AbortController): void {
  if (controllers.get(owner) === controller) controllers.delete(owner);
}

export function cancelJob(owner: object): void {
  controllers.get(owner)?.abort();
}

export function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

/** What a failed job says in the app's language: a crashed worker is worded here, quoting the worker's own error. */
export function failureText(e: unknown, t: TFunction): string {
  if (e instanceof WorkerCrashedError) return t(`run.crashed.${e.worker}`, { detail: e.detail });
  return e instanceof Error ? e.message : String(e);
}
