import { spawn } from 'node:child_process';
import { ROOT } from './stack.js';

/**
 * Runs bench/prompt-logging.ts (PROMPT_LOGGING=masked against off) in a process of its own after the main figures:
 * it starts and cleans up a stack of its own, so nothing of the main bench's stack is shared or left behind. Resolves
 * with its exit code; its report goes to this process's stdout, its progress to stderr.
 */
export function runPromptLoggingBench(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/prompt-logging.ts', ...args], { cwd: ROOT, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}
