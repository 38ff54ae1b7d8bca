/**
 * The application shell: toolbar on top, palette on the left, canvas with the
 * results dashboard under it in the middle, inspector on the right, status bar
 * at the bottom; dialogs and notices float above.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { Canvas } from '../canvas/Canvas';
import { Inspector } from '../panels/Inspector';
import { SweepButton } from '../panels/SweepButton';
import { SweepSlot } from '../fields/fields';
import { ResultsPanel } from '../results/ResultsPanel';
import { AnalysisProvider } from '../stores/analysis';
import { Dialogs } from './Dialogs';
import { Notices } from './Notices';
import { Palette } from './Palette';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { useServices } from '../actions/services';
import { useHost } from './useHost';
import type { ReactFlowInstance } from '@xyflow/react';

export function App({ onFlow }: { onFlow: (flow: ReactFlowInstance) => void }) {
  const { t } = useTranslation();
  const { registry, ctx } = useServices();
  useHost(registry, ctx);
  return (
    <AnalysisProvider>
      <SweepSlot.Provider value={SweepButton}>
        <div className="app">
          <a className="skip-link" href="#inspector-start">
            {t('app.skipToInspector')}
          </a>
          <Toolbar />
          <div className="workspace">
            <Palette />
            <main className="center">
              <ReactFlowProvider>
                <Canvas onInit={(f) => onFlow(f as unknown as ReactFlowInstance)} />
              </ReactFlowProvider>
              <ResultsPanel />
            </main>
            <div id="inspector-start" tabIndex={-1} className="visually-hidden" />
            <Inspector />
          </div>
          <StatusBar />
          <Dialogs />
          <Notices />
        </div>
      </SweepSlot.Provider>
    </AnalysisProvider>
  );
}
