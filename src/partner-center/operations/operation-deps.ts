/** What an operation needs: the pipeline, settings, and which token a call of a given auth class uses. */
import type { Pipeline } from '../http-pipeline.js';
import type { ResolvedSettings } from '../settings.js';
import type { AuthMode } from '../token-manager.js';

export interface OperationDeps {
  pipeline: Pipeline;
  settings: ResolvedSettings;
  /** 'A' = App-only allowed (README §2), 'AU' = App+User required. */
  authFor(allowed: 'A' | 'AU'): AuthMode;
}
