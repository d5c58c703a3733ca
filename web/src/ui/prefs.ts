// The device's display preferences (country, time zone): kept in
// localStorage, not in the journal — they describe this device, not the
// pain. Defaults come from the browser (locale region, system time zone).

export interface Prefs {
  /** ISO 3166-1 alpha-2, for the emergency and crisis numbers. */
  country: string;
  /** An IANA time zone: new entries are stamped and times shown in it. */
  timeZone: string;
}

const kKey = 'unknot-prefs';

function defaultCountry(): string {
  try {
    return new Intl.Locale(navigator.language).maximize().region ?? 'US';
  } catch {
    return 'US';
  }
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function loadPrefs(): Prefs {
  const prefs: Prefs = { country: defaultCountry(), timeZone: systemTimeZone() };
  try {
    const saved = JSON.parse(localStorage.getItem(kKey) ?? '{}') as Partial<Prefs>;
    if (typeof saved.country === 'string') prefs.country = saved.country;
    if (typeof saved.timeZone === 'string') prefs.timeZone = saved.timeZone;
  } catch {
    // A damaged value falls back to the defaults.
  }
  return prefs;
}

export function savePrefs(prefs: Prefs): void {
  localStorage.setItem(kKey, JSON.stringify(prefs));
}
