import { readFileSync } from 'node:fs';

const PINO_WARN = 40;

export interface LogSummary {
  warnings: number;
  errors: number;
  /** The most frequent warning/error messages (numbers blurred so similar lines group). */
  top: { message: string; count: number }[];
}

/** Warnings and errors a child wrote (pino JSON lines; anything else counts as an error line). */
export function summariseLog(file: string): LogSummary {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { warnings: 0, errors: 0, top: [] };
  }
  const counts = new Map<string, number>();
  let warnings = 0;
  let errors = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const { level, message } = parseLine(line);
    if (level < PINO_WARN) continue;
    if (level === PINO_WARN) warnings++;
    else errors++;
    const key = message.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>').replace(/\d+(\.\d+)?/g, 'N');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const top = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([message, count]) => ({ message: message.slice(0, 160), count }));
  return { warnings, errors, top };
}

function parseLine(line: string): { level: number; message: string } {
  try {
    const parsed = JSON.parse(line) as { level?: number; msg?: string };
    return { level: parsed.level ?? 30, message: parsed.msg ?? '' };
  } catch {
    return { level: 50, message: line };
  }
}
