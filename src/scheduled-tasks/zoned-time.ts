const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** `instant` as wall-clock time in `timeZone` with its UTC offset, e.g. `2026-03-29T03:00:00+02:00`. */
export function formatInZone(instant: Date, timeZone: string): string {
  const offset = utcOffsetOf(instant, timeZone);
  const wallClock = new Date(instant.getTime() + offset.ms).toISOString().slice(0, -1);
  const withoutZeroMillis = wallClock.endsWith('.000') ? wallClock.slice(0, -4) : wallClock;
  return `${withoutZeroMillis}${offset.label}`;
}

/** The zone's offset at `instant`, from Intl's `GMT+05:30` style name (`GMT` alone means zero). */
function utcOffsetOf(instant: Date, timeZone: string): { ms: number; label: string } {
  const name =
    offsetFormatOf(timeZone)
      .formatToParts(instant)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(name);
  if (!match) return { ms: 0, label: '+00:00' };
  const [, sign, hours, minutes, seconds] = match;
  const magnitude = (Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds ?? 0)) * 1000;
  return { ms: sign === '-' ? -magnitude : magnitude, label: name.slice(3) };
}

/** Only zones the engine already accepted get here, so the cache is bounded by the IANA list. */
function offsetFormatOf(timeZone: string): Intl.DateTimeFormat {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  return format;
}
