/**
 * The life of a job whose points arrive one by one (a sweep, a metastability map): its
 * progress while it runs, each point as it arrives (kept in grid order), the finished
 * document, a failure or a cancel. Shared by the stores that show such jobs.
 */
import type { RunStatus } from './runsStore';

export interface PointJobState<P, D, G> {
  status: RunStatus;
  progress: G | null;
  points: P[];
  doc: D | null;
  error: string | null;
}

type Setter<S> = (partial: Partial<S> | ((s: S) => Partial<S>)) => void;

export function pointJobActions<P extends { index: number }, D extends { points: readonly P[] }, G>(set: Setter<PointJobState<P, D, G>>, get: () => PointJobState<P, D, G>) {
  const byIndex = (a: P, b: P) => a.index - b.index;
  return {
    progressed(progress: G) {
      if (get().status === 'running') set({ progress });
    },
    pointArrived(point: P) {
      if (get().status !== 'running') return;
      set((s) => ({ points: [...s.points.filter((p) => p.index !== point.index), point].sort(byIndex) }));
    },
    finished(doc: D) {
      set({ status: 'done', doc, points: [...doc.points].sort(byIndex), progress: null });
    },
    failed(error: string) {
      set({ status: 'failed', error, progress: null });
    },
    cancelled() {
      set({ status: 'cancelled', progress: null });
    },
  };
}
