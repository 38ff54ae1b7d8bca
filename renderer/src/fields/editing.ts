/**
 * Hooks that turn inspector changes into document edits, each field typing
 * session being one undo step.
 */
import { useCallback } from 'react';
import type { Draft } from 'immer';
import type { Scenario } from '../../../simulation/model/schema';
import { setNodeField } from '../model/operations';
import { filledByHand } from '../model/toFill';
import { useStores } from '../stores/context';

export function useEdit() {
  const stores = useStores();
  return useCallback((key: string, recipe: (d: Draft<Scenario>) => void) => stores.document.getState().edit(recipe, { key: `field:${key}` }), [stores]);
}

/** Setter for one node's field by path ("rateLimit.rate"); undefined removes it. */
export function useNodeSetter(id: string) {
  const edit = useEdit();
  return useCallback(
    (path: string, value: unknown) => {
      edit(`${id}:${path}`, (d) => {
        setNodeField(d, id, path.split('.'), value);
        filledByHand(d, id, path);
      });
    },
    [edit, id],
  );
}
