/**
 * Fault injection for the browser tests only: nothing here is in the app's build. The page
 * reaches the sweep coordinator's Web Worker through the network, which the test driver can
 * route; the simulation workers the coordinator makes are out of the driver's reach, so the
 * coordinator's script is served with a prelude that makes its first simulation worker throw.
 */

/**
 * The next coordinator the page starts gets a first simulation worker that throws
 * `new Error(message)` from its event loop `afterMs` after its first task arrives (an uncaught
 * error, as a bug in the engine's host would throw), while the replication it was given runs on.
 * Later simulation workers, and later coordinators, are the app's own.
 */
export async function throwInFirstSimWorker(context, { message, afterMs }) {
  await context.route(
    /\/coordinator\.worker-[^/]*\.js$/,
    async (route) => {
      const response = await route.fetch();
      const prelude = `(${preludeSource.toString()})(${JSON.stringify({ message, afterMs })});\n`;
      await route.fulfill({ response, body: prelude + (await response.text()) });
    },
    { times: 1 },
  );
}

/** Runs in the coordinator's scope, before its own code: wraps the first simulation worker it makes. */
function preludeSource({ message, afterMs }) {
  const RealWorker = self.Worker;
  let armed = true;
  self.Worker = class extends RealWorker {
    constructor(url, options) {
      if (!armed || !String(url).includes('web.worker')) {
        super(url, options);
        return;
      }
      armed = false;
      // The worker's own module, loaded behind a listener that arms the throw; messages that come
      // while it loads are held and handed to its onmessage once it has one.
      const source = `
        const held = [];
        const hold = (event) => held.push(event);
        self.addEventListener('message', hold);
        let thrown = false;
        self.addEventListener('message', (event) => {
          if (thrown || event.data?.type !== 'run') return;
          thrown = true;
          setTimeout(() => { throw new Error(${JSON.stringify(message)}); }, ${Number(afterMs)});
        });
        await import(${JSON.stringify(String(url))});
        self.removeEventListener('message', hold);
        for (const event of held) self.onmessage?.(event);
      `;
      super(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), options);
    }
  };
}
