import type { FastifyServerOptions } from 'fastify';

/**
 * pino options: never log secrets. Request logs carry method, url and status only (Fastify's default serializers);
 * redact covers anything that reaches a log object by accident.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'headers.authorization',
        'headers.cookie',
        '*.password',
        '*.apiKey',
        '*.api_key',
        '*.token',
        '*.secret',
        '*.jwtSecret',
        '*.connectionString',
      ],
      censor: '[redacted]',
    },
  };
}
