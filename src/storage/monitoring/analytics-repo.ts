import { overview } from '../../monitoring/analytics.js';
import { sharedCacheFigures } from '../../monitoring/cache-figures.js';
import type { TimeRange } from '../../monitoring/analytics-range.js';
import { promptLog, type PromptsQuery, type TextView } from '../../monitoring/prompt-log.js';
import type { MonitoringDb, OrchestratorDb } from '../database.js';

/**
 * The analytics reads. They span both databases (request figures in monitoring, usernames and firewall reasons in
 * the orchestrator database), which may be different servers, so this repository holds both handles.
 */
export function createAnalyticsRepo(monitoring: MonitoringDb, orchestrator: OrchestratorDb, orgId: string) {
  return {
    /** `onReasonsFailed`: the orchestrator database failed, and the overview is answered without firewall reasons. */
    overview(range: TimeRange, onReasonsFailed?: (err: Error) => void) {
      return overview({ monitoring, orchestrator, orgId, ...(onReasonsFailed ? { onReasonsFailed } : {}) }, range);
    },

    /** The response cache's figures over the last `hours`, from every instance's records (the Cache page). */
    cacheFigures(hours: number) {
      return sharedCacheFigures(monitoring, orgId, hours);
    },

    /** `view`: whose stored text the page carries; `onlyUser`: the one user whose records it may list. */
    promptLog(q: PromptsQuery, view?: TextView, onlyUser?: string) {
      return promptLog(monitoring, orchestrator, orgId, q, view, onlyUser);
    },
  };
}

export type AnalyticsRepo = ReturnType<typeof createAnalyticsRepo>;
