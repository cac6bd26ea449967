import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health.js';

/** Every HTTP capability, registered in one list. */
export async function registerRoutes(app: FastifyInstance) {
  await app.register(healthRoutes);
}
