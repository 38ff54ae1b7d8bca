/**
 * One abort controller per kind of simulation job (a run, a sweep, a comparison),
 * keyed by the store that shows it, so Cancel and Escape reach whatever is in
 * flight and a finished job does not cancel its successor.
 */
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
