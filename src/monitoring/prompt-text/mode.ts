/** PROMPT_LOGGING: whether and how prompt and answer text is stored. */
export const PROMPT_LOGGING_MODES = ['off', 'masked', 'full'] as const;
export type PromptLoggingMode = (typeof PROMPT_LOGGING_MODES)[number];

export const FULL_NOT_ALLOWED = 'PROMPT_LOGGING=full needs PROMPT_LOGGING_FULL_ALLOWED=true in the environment: raw prompt text is stored only where the deployment allows it';

/**
 * The mode in force for a chosen one: `full` without the environment's switch is `masked` (a stored `full` whose
 * switch was since removed must not keep storing raw text, and masked keeps the reviewers' view).
 */
export function effectiveMode(chosen: PromptLoggingMode, fullAllowed: boolean): PromptLoggingMode {
  return chosen === 'full' && !fullAllowed ? 'masked' : chosen;
}
