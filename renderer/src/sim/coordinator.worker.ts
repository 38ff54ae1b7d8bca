/**
 * Web Worker entry of the sweep coordinator (see coordinator.ts): the app's SimClient with its
 * pool of simulation workers, nested in this worker so that scheduling, aggregation, the
 * capacity search and the recommendation never run on the UI thread.
 */
import { createSimClient } from './simClient';
import { serveCoordinator, type FromCoordinator, type ToCoordinator } from './coordinator';

interface WorkerScope {
  onmessage: ((event: { data: ToCoordinator }) => void) | null;
  postMessage(message: FromCoordinator): void;
}

const scope = globalThis as unknown as WorkerScope;

// The default pool: Web Workers, one core left for the UI thread (poolSize).
serveCoordinator(
  {
    post: (m) => scope.postMessage(m),
    onMessage: (handler) => {
      scope.onmessage = (event) => handler(event.data);
    },
  },
  createSimClient(),
);
