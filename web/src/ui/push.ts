// Reminders with Unknot closed, by Web Push (docs/push.md). The server
// keeps each account's merged journal, so it knows every device's schedules
// and sessions and sends each due reminder to the browser's push service
// (Google's, Mozilla's, Apple's, Microsoft's), which wakes the service
// worker (sw.ts) to show it. The page only subscribes: the browser's push
// subscription and the chosen time zone's offsets over the coming year go
// to the server (it has no time zone rules), refreshed whenever the app
// starts or the zone changes.
//
// Needs a signed-in account, a service worker, the Push API (Chrome, Edge,
// Firefox; Safari 16.4+ for an app added to the home screen) and a browser
// that can reach its push service.
import type { CoreError, PushSubscriptionRequest } from '../rpc';
import type { App } from './app';
import { zoneOffsetMinutes } from './time';

const kMinuteMs = 60_000;
const kDayMs = 86_400_000;
// How far ahead the offsets reach; the app refreshes them when it starts.
const kZoneDays = 400;

export type PushState = 'unsupported' | 'signed-out' | 'unavailable' | 'off' | 'on';

/**
 * The zone's offset from UTC from `fromMs` on, over the coming year: the
 * offset now, then one [instant, minutes] per change (found to the minute).
 */
export function zoneOffsets(timeZone: string, fromMs = Date.now()): [number, number][] {
  const start = Math.floor(fromMs / kMinuteMs) * kMinuteMs;
  const at = (ms: number) => zoneOffsetMinutes(new Date(ms), timeZone);
  const out: [number, number][] = [[start, at(start)]];
  let before = start;
  for (let day = 1; day <= kZoneDays; day += 1) {
    const ms = start + day * kDayMs;
    const offset = at(ms);
    const previous = out[out.length - 1]![1];
    if (offset !== previous) {
      // The change lies in (before, ms]: halve to the minute.
      let lo = before;
      let hi = ms;
      while (hi - lo > kMinuteMs) {
        const mid = lo + Math.max(kMinuteMs, Math.floor((hi - lo) / 2 / kMinuteMs) * kMinuteMs);
        if (at(mid) === previous) lo = mid;
        else hi = mid;
      }
      out.push([hi, offset]);
    }
    before = ms;
  }
  return out;
}

function keyBytes(base64url: string): ArrayBuffer {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes.buffer;
}

export class PushReminders {
  constructor(private readonly app: App) {}

  static supported(): boolean {
    return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  }

  // The service worker's registration, or null (none yet: a first visit
  // offline, or a browser without service workers).
  private async registration(): Promise<ServiceWorkerRegistration | null> {
    if (!PushReminders.supported()) return null;
    try {
      return (await navigator.serviceWorker.getRegistration()) ?? null;
    } catch {
      return null;
    }
  }

  private async current(): Promise<PushSubscription | null> {
    try {
      return (await (await this.registration())?.pushManager.getSubscription()) ?? null;
    } catch {
      return null;
    }
  }

  async state(signedIn: boolean): Promise<PushState> {
    if (!PushReminders.supported()) return 'unsupported';
    if (!signedIn) return 'signed-out';
    if (Notification.permission === 'denied') return 'unavailable';
    return (await this.current()) ? 'on' : 'off';
  }

  private request(subscription: PushSubscription): PushSubscriptionRequest {
    const json = subscription.toJSON();
    return {
      endpoint: subscription.endpoint,
      keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
      zone_offsets: zoneOffsets(this.app.prefs.timeZone),
    };
  }

  /** Turns reminders on; call from a click (the permission prompt needs one). */
  async enable(): Promise<{ ok: true } | { ok: false; error: CoreError }> {
    const fail = (code: string, message: string) => ({ ok: false as const, error: { code, message } });
    const permission = await Notification.requestPermission().catch(() => Notification.permission);
    if (permission !== 'granted') return fail('notifications-denied', 'Notifications are not allowed for Unknot in this browser.');
    const registration = await this.registration();
    if (!registration) return fail('no-service-worker', 'Unknot is not installed in this browser yet: reload it once while online.');
    const key = await this.app.client.call('pushKey');
    if (!key.ok) return key;
    let subscription: PushSubscription;
    try {
      subscription =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key.result.public_key) }));
    } catch (err) {
      return fail('push-service-unreachable', `This browser could not reach its push service (${String(err)}).`);
    }
    const stored = await this.app.client.call('pushSubscribe', this.request(subscription));
    if (!stored.ok) {
      await subscription.unsubscribe().catch(() => false);
      return stored;
    }
    return { ok: true };
  }

  /** Turns reminders off here (the server forgets this browser). */
  async disable(): Promise<void> {
    const subscription = await this.current();
    if (!subscription) return;
    await this.app.client.call('pushUnsubscribe', subscription.endpoint);
    await subscription.unsubscribe().catch(() => false);
  }

  /** Sends the offsets again (the app started, or the time zone changed). */
  async refresh(): Promise<void> {
    const subscription = await this.current();
    if (subscription) await this.app.client.call('pushSubscribe', this.request(subscription));
  }
}
