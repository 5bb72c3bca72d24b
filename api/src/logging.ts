import pino, { type Logger } from 'pino';

/** Never log credentials: API keys arrive in Authorization, sessions in Cookie / Set-Cookie. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  '*.password',
];

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const logger = pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'schakel-api' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    options.destination,
  );
  return logger;
}
