/**
 * Window-wide services beside the stores: the host bridge, the simulation client,
 * the action registry and the context actions run with.
 */
import { createContext, useCallback, useContext } from 'react';
import type { ActionRegistry, ActionContext } from './registry';

export interface Services {
  registry: ActionRegistry;
  ctx: ActionContext;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('ServicesContext is missing');
  return s;
}

/** Runs an action by id; the returned function is stable. */
export function useRunAction(): (id: string) => void {
  const { registry, ctx } = useServices();
  return useCallback(
    (id: string) => {
      void registry.run(id, ctx).catch((e: unknown) => ctx.stores.session.getState().notify('error', ctx.t('error.action'), e instanceof Error ? e.message : String(e)));
    },
    [registry, ctx],
  );
}
