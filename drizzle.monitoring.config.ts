import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/storage/monitoring/schema.ts',
  out: './migrations/monitoring',
});
