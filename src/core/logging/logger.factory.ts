import pino, { Logger } from 'pino';
import { currentRequestId } from './request-context';
import { REDACTED_PATHS, REDACTION_CENSOR } from './redaction';

export interface LoggerSettings {
  level: string;
  pretty: boolean;
}

export function createRootLogger(
  settings: LoggerSettings,
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level: settings.level,
    base: { service: 'finsync' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: REDACTION_CENSOR },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  if (destination) return pino(options, destination);
  if (settings.pretty) {
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { singleLine: true } },
    });
  }
  return pino(options);
}
