/**
 * What is derived from the document on every edit and shared by the canvas, the
 * inspector and the status bar: the instant estimate and the validation issues.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { estimate, type ScenarioEstimate } from '../../../simulation/estimate/estimate';
import { validateScenario, type IssueIndex } from '../model/validation';
import { findSyncCycles } from '../../../simulation/model/validate';
import { useDocument } from './context';
import { normalizeLanguage } from '../i18n';

export interface Analysis {
  estimate: ScenarioEstimate;
  issues: IssueIndex;
  /** Indices of the edges on a cycle of sync calls, which the canvas marks. */
  cycleEdges: ReadonlySet<number>;
}

const AnalysisContext = createContext<Analysis | null>(null);

export function AnalysisProvider({ children }: { children: ReactNode }) {
  const scenario = useDocument((s) => s.scenario);
  const lang = normalizeLanguage(useTranslation().i18n.language);
  const value = useMemo<Analysis>(() => {
    let est: ScenarioEstimate;
    try {
      est = estimate(scenario);
    } catch {
      // A half-typed model can break the estimate; the inspector shows why.
      est = { nodes: {}, edges: scenario.edges.map(() => 0), bottleneck: null, approximate: false };
    }
    let cycleEdges = new Set<number>();
    try {
      cycleEdges = new Set(findSyncCycles(scenario).flatMap((c) => c.edges));
    } catch {
      // As for the estimate: the problems list says what to fix first.
    }
    return { estimate: est, issues: validateScenario(scenario, lang), cycleEdges };
  }, [scenario, lang]);
  return <AnalysisContext.Provider value={value}>{children}</AnalysisContext.Provider>;
}

export function useAnalysis(): Analysis {
  const a = useContext(AnalysisContext);
  if (!a) throw new Error('AnalysisProvider is missing');
  return a;
}
