/**
 * Renderer entry: picks the host bridge, sets up the language (remembered
 * choice, else the system's, and tells the host), creates the stores, the
 * simulation client and the action registry, and mounts the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { ReactFlowInstance } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './app/styles.css';
import { createBridge } from './bridge';
import { initI18n, normalizeLanguage, storedLanguage } from './i18n';
import { createLanguageSwitch } from './i18n/languageSwitch';
import { createStores, StoresProvider } from './stores/context';
import { createCoordinatorClient } from './sim/coordinatorClient';
import { createActionRegistry } from './actions/appActions';
import type { ActionContext } from './actions/registry';
import { ServicesContext } from './actions/services';
import { App } from './app/App';
import { emptyScenario } from './model/newScenario';

async function start() {
  const bridge = createBridge();
  const system = await bridge.getSystemLocale().catch(() => navigator.language);
  const i18n = await initI18n(storedLanguage() ?? normalizeLanguage(system));
  const stores = createStores(emptyScenario(i18n.t('file.untitled')));
  // Sweeps are scheduled and their results processed in a worker of their own: the UI thread only draws.
  const sim = createCoordinatorClient();
  window.addEventListener('pagehide', () => sim.dispose());
  let flow: ReactFlowInstance | null = null;
  const ctx: ActionContext = {
    stores,
    bridge,
    sim,
    t: i18n.t.bind(i18n),
    flow: () => flow,
    ...createLanguageSwitch(i18n, bridge),
  };
  const registry = createActionRegistry();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <StoresProvider stores={stores}>
          <ServicesContext.Provider value={{ registry, ctx }}>
            <App
              onFlow={(f) => {
                flow = f;
              }}
            />
          </ServicesContext.Provider>
        </StoresProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void start();
