import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new migration after a schema change; applied migrations are never edited.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/storage/orchestrator/schema.ts',
  out: './migrations/orchestrator',
});
