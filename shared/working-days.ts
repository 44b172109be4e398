/**
 * Dutch working days: response periods count days that are neither a weekend day nor a public
 * holiday of the Algemene termijnenwet (with Goede Vrijdag and Bevrijdingsdag, which the law treats
 * alike). Dates are calendar dates in Europe/Amsterdam, written as YYYY-MM-DD.
 */

const ZONE = 'Europe/Amsterdam';

/** Easter Sunday (Gregorian calendar; anonymous algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatDate(Date.UTC(year, month - 1, day));
}

function formatDate(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

function parseDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

export function addDays(date: string, days: number): string {
  return formatDate(parseDate(date) + days * 86_400_000);
}

const holidayCache = new Map<number, Map<string, string>>();

/** The public holidays of a year: date → Dutch name. */
export function dutchHolidays(year: number): Map<string, string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  // Koningsdag moves to the 26th when the 27th is a Sunday.
  const kingsDay = new Date(Date.UTC(year, 3, 27)).getUTCDay() === 0 ? `${year}-04-26` : `${year}-04-27`;
  const holidays = new Map<string, string>([
    [`${year}-01-01`, 'Nieuwjaarsdag'],
    [addDays(easter, -2), 'Goede Vrijdag'],
    [easter, 'Eerste paasdag'],
    [addDays(easter, 1), 'Tweede paasdag'],
    [kingsDay, 'Koningsdag'],
    [`${year}-05-05`, 'Bevrijdingsdag'],
    [addDays(easter, 39), 'Hemelvaartsdag'],
    [addDays(easter, 49), 'Eerste pinksterdag'],
    [addDays(easter, 50), 'Tweede pinksterdag'],
    [`${year}-12-25`, 'Eerste kerstdag'],
    [`${year}-12-26`, 'Tweede kerstdag'],
  ]);
  holidayCache.set(year, holidays);
  return holidays;
}

export function isWorkingDay(date: string): boolean {
  const weekday = new Date(parseDate(date)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !dutchHolidays(Number(date.slice(0, 4))).has(date);
}

/** The calendar date of an instant in Amsterdam. */
export function amsterdamDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );
}

/** Amsterdam's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** The instant a calendar day ends in Amsterdam (23:59:59.999 local time). */
export function endOfAmsterdamDay(date: string): Date {
  const naive = parseDate(date) + 86_400_000 - 1;
  // The offset at midday of that day is the offset of its evening (clock changes happen at night).
  return new Date(naive - amsterdamOffsetMinutes(new Date(parseDate(date) + 12 * 3_600_000)) * 60_000);
}

/** The date `count` working days after `date` (the day itself not counted). */
export function addWorkingDays(date: string, count: number): string {
  let current = date;
  for (let added = 0; added < count;) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) added++;
  }
  return current;
}

/** The date `count` working days before `date`. */
export function subtractWorkingDays(date: string, count: number): string {
  let current = date;
  for (let removed = 0; removed < count;) {
    current = addDays(current, -1);
    if (isWorkingDay(current)) removed++;
  }
  return current;
}

/**
 * A response deadline: the end of the `days`-th working day after the day the round opens, in
 * Amsterdam; and the moment to remind those who have not responded (two working days before).
 */
export function responseDeadline(openedAt: Date, days: number): { deadline: Date; remindAt: Date } {
  const last = addWorkingDays(amsterdamDate(openedAt), days);
  const remindDay = subtractWorkingDays(last, 2);
  // The reminder goes out at the start of that working day (00:00 local is the end of the day before).
  const remindAt = new Date(endOfAmsterdamDay(addDays(remindDay, -1)).getTime() + 1);
  return { deadline: endOfAmsterdamDay(last), remindAt: remindAt < openedAt ? openedAt : remindAt };
}
