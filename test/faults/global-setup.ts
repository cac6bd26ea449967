import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIGURES = join(ROOT, 'test-artifacts', 'faults-figures.jsonl');

/**
 * Builds the service once (`npm run build`, as the Dockerfile does) so every scenario runs `node dist/src/main.js`,
 * and prints every scenario's figures as one table at the end. FAULTS_SKIP_BUILD=1 reuses an existing dist/.
 */
export default function setup(): () => void {
  const started = Date.now();
  if (process.env.FAULTS_SKIP_BUILD !== '1' || !existsSync(join(ROOT, 'dist/src/main.js'))) {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    console.log(`[faults] built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
  rmSync(FIGURES, { force: true });
  return () => {
    if (!existsSync(FIGURES)) return;
    const rows = readFileSync(FIGURES, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    console.log(`\n[faults] figures (${rows.length} rows, suite ${((Date.now() - started) / 1000).toFixed(0)} s including the build):`);
    for (const { scenario, ...rest } of rows) {
      console.log(`  ${String(scenario).padEnd(44)} ${Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v)}`).join('  ')}`);
    }
  };
}
