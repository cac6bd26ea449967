import * as monitoring from './monitoring/schema.js';
import * as orchestrator from './orchestrator/schema.js';

export { monitoring, orchestrator };
