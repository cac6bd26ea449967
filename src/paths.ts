import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root, found by walking up to package.json: the same code runs from src/ (tsx) and dist/src/ (node),
 * and both need the migrations folder and static files that live beside package.json.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

export const projectRoot = findRoot();
export const migrationsDir = (name: 'orchestrator' | 'monitoring') => join(projectRoot, 'migrations', name);
