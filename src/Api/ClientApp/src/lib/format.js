// Formatting shared by the pages: durations, times, numbers, and times in a lead's own zone.

/** Seconds in a .NET TimeSpan as JSON writes it ("1.02:03:04.5", "00:01:05"). */
export function timeSpanSeconds(value) {
  if (typeof value === 'number') return value;
  if (!value) return 0;
  const match = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(value);
  if (!match) return 0;
  const [, minus, days, hours, minutes, seconds] = match;
  const total = (Number(days ?? 0) * 24 + Number(hours)) * 3600 + Number(minutes) * 60 + Number(seconds);
  return minus ? -total : total;
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function clock(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function since(iso, now = Date.now()) {
  return iso ? (now - new Date(iso).getTime()) / 1000 : 0;
}

export function dateTime(iso, timeZone) {
  if (!iso) return '';
  const options = { dateStyle: 'medium', timeStyle: 'short' };
  if (timeZone) options.timeZone = timeZone;
  try { return new Intl.DateTimeFormat(undefined, options).format(new Date(iso)); }
  catch { return new Date(iso).toLocaleString(); }
}

export const number = (value) => new Intl.NumberFormat().format(value ?? 0);

export function percent(part, whole, digits = 1) {
  if (!whole) return '0 %';
  return `${(100 * part / whole).toFixed(digits)} %`;
}

/** The offset of a zone at an instant, in milliseconds (local wall time minus UTC). */
function zoneOffset(instant, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(instant);
  const v = Object.fromEntries(parts.map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+v.year, +v.month - 1, +v.day, +v.hour, +v.minute, +v.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** A wall time "2026-12-01T15:00" in an IANA zone as an ISO instant with its offset (UTC). */
export function zonedToIso(local, timeZone) {
  if (!local) return null;
  const [date, time] = local.split('T');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  if (!timeZone) return new Date(y, mo - 1, d, h, mi).toISOString();
  let guess = wall - zoneOffset(new Date(wall), timeZone);
  guess = wall - zoneOffset(new Date(guess), timeZone);
  return new Date(guess).toISOString();
}

/** The current wall time in a zone, as a datetime-local value, plus minutes. */
export function zonedNowLocal(timeZone, plusMinutes = 0) {
  const instant = new Date(Date.now() + plusMinutes * 60000);
  const offset = timeZone ? zoneOffset(instant, timeZone) : -instant.getTimezoneOffset() * 60000;
  return new Date(instant.getTime() + offset).toISOString().slice(0, 16);
}

/** The zone's short name right now ("EST", "GMT+1"), for labels. */
export function zoneName(timeZone) {
  if (!timeZone) return '';
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName');
    return part?.value ?? timeZone;
  } catch { return timeZone; }
}
