// Reminders while Unknot (the tab or the installed app) is open: when one of
// the core's today items becomes due and is not done, a notification (where
// the person allowed them) and always a banner in the page with Start.
//
// Which items are due is the core's (`today` with the page's "now" in the
// chosen time zone); this only decides when to ask and what to say. It asks
// at the next item's time (a timer) and once a minute anyway (timers are
// throttled in hidden tabs), and when the page becomes visible. An item is
// announced once, and only within kFreshMinutes of its time: opening the app
// at 16:00 does not replay a day of posture checks. What was announced today
// is kept in localStorage, so a reload does not announce it again.
//
// With the app closed nothing runs here: the server sends the reminders by
// Web Push (push.ts, docs/push.md) with the same notification tag, so a
// person with the app open never gets one twice.
import type { TodayItem } from '../rpc';
import type { App } from './app';
import { isoInZone } from './time';

const kPollMs = 60_000;
const kFreshMinutes = 30;
const kIcon = 'icons/icon-192.png';
const kAnnouncedKey = 'unknot.reminders.announced';

// Today's announced items, as kept by an earlier page of this origin.
function loadAnnounced(): Set<string> {
  try {
    const kept = JSON.parse(localStorage.getItem(kAnnouncedKey) ?? '[]') as unknown;
    return new Set(Array.isArray(kept) ? kept.filter((k): k is string => typeof k === 'string') : []);
  } catch {
    return new Set();
  }
}

export type Permission = 'granted' | 'denied' | 'default' | 'unsupported';

function minuteOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export class Reminders {
  private readonly announced = loadAnnounced();
  private timer: number | null = null;
  private listeners: ((items: TodayItem[]) => void)[] = [];

  constructor(
    private readonly app: App,
    private readonly banner: HTMLElement,
    private readonly onStart: (routineId: string) => void,
  ) {
    banner.querySelector('button.dismiss')!.addEventListener('click', () => {
      banner.hidden = true;
    });
    window.setInterval(() => void this.check(), kPollMs);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void this.check();
    });
  }

  static permission(): Permission {
    if (!('Notification' in window)) return 'unsupported';
    return Notification.permission;
  }

  /** Asks for notifications; call from a click (browsers refuse otherwise). */
  static async ask(): Promise<Permission> {
    if (!('Notification' in window)) return 'unsupported';
    try {
      return await Notification.requestPermission();
    } catch {
      return Notification.permission;
    }
  }

  /** Called with every fresh today list (the Today screen redraws from it). */
  onItems(listener: (items: TodayItem[]) => void): void {
    this.listeners.push(listener);
  }

  /** Asks the core for today's items, reminds of newly due ones, sets the next timer. */
  async check(): Promise<void> {
    const at = isoInZone(new Date(), this.app.prefs.timeZone);
    const answer = await this.app.client.call('today', { at });
    if (!answer.ok) return;
    const items = answer.result;
    const date = at.slice(0, 10);
    const minute = minuteOf(at.slice(11, 16));
    let added = false;
    for (const item of items) {
      const key = `${date} ${item.schedule_id} ${item.time}`;
      if (!item.due || this.announced.has(key)) continue;
      this.announced.add(key);
      added = true;
      if (!item.done && minute - minuteOf(item.time) <= kFreshMinutes) this.remind(item);
    }
    if (added) this.keep(date);
    for (const listener of this.listeners) listener(items);
    this.scheduleNext(items, minute, at);
  }

  // Only today's keys are kept (they start with the date).
  private keep(date: string): void {
    for (const key of this.announced) if (!key.startsWith(date)) this.announced.delete(key);
    try {
      localStorage.setItem(kAnnouncedKey, JSON.stringify([...this.announced]));
    } catch {
      // Storage full or refused: reminders still work, a reload may repeat one.
    }
  }

  private scheduleNext(items: TodayItem[], minute: number, at: string): void {
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = null;
    const next = items.find((item) => !item.due);
    if (!next) return;
    const seconds = Number(at.slice(17, 19));
    const ms = ((minuteOf(next.time) - minute) * 60 - seconds) * 1000 + 500;
    this.timer = window.setTimeout(() => void this.check(), Math.max(ms, 1000));
  }

  private remind(item: TodayItem): void {
    const text = `${item.title} (${item.time})`;
    this.banner.querySelector('.reminder-text')!.textContent = `Time for ${text}.`;
    const start = this.banner.querySelector('button.start') as HTMLButtonElement;
    start.onclick = () => {
      this.banner.hidden = true;
      this.onStart(item.routine_id);
    };
    this.banner.hidden = false;
    if (Reminders.permission() !== 'granted') return;
    const options = { body: `Time for ${text}`, tag: `unknot-${item.schedule_id}`, icon: kIcon, data: { routine_id: item.routine_id } };
    try {
      const shown = new Notification('Unknot', options);
      shown.onclick = () => {
        window.focus();
        this.banner.hidden = true;
        this.onStart(item.routine_id);
      };
    } catch {
      // Android's Chrome allows notifications only through the service worker.
      void navigator.serviceWorker?.ready.then((registration) => registration.showNotification('Unknot', options)).catch(() => undefined);
    }
  }
}
