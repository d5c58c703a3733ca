// Times in the user's chosen time zone. Entries carry their own local time
// and offset (`at`, docs/export-format.md); the page only needs to stamp a
// new entry in the chosen zone and to show times.

const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');

/** The zone's offset from UTC at `date`, in minutes east. */
export function zoneOffsetMinutes(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/** `date` as local time with offset in `timeZone`: 2026-11-24T09:30:00+01:00. */
export function isoInZone(date: Date, timeZone: string): string {
  const offset = zoneOffsetMinutes(date, timeZone);
  const local = new Date(date.getTime() + offset * 60000);
  const sign = offset < 0 ? '-' : '+';
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

/** The local date (YYYY-MM-DD) in `timeZone` of `date`. */
export function dateInZone(date: Date, timeZone: string): string {
  return isoInZone(date, timeZone).slice(0, 10);
}

/** An ISO time with offset -> the value of an <input type="datetime-local">. */
export function toLocalInput(iso: string): string {
  return iso.slice(0, 16);
}

/**
 * A datetime-local value (wall time in `timeZone`) -> ISO with offset, or
 * the input unchanged when it is not a wall time (the core then refuses it).
 */
export function fromLocalInput(value: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return value;
  const [, y, mo, d, hh, mm] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, hh, mm);
  // The offset at that wall time: two rounds settle DST edges.
  let instant = wall - zoneOffsetMinutes(new Date(wall), timeZone) * 60000;
  instant = wall - zoneOffsetMinutes(new Date(instant), timeZone) * 60000;
  return isoInZone(new Date(instant), timeZone);
}

/** Shows an entry's time in `timeZone`. */
export function formatTime(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
  } catch {
    return iso;
  }
}

/** The date `days` before today in `timeZone` (YYYY-MM-DD). */
export function daysAgo(days: number, timeZone: string): string {
  return dateInZone(new Date(Date.now() - days * 86400000), timeZone);
}
