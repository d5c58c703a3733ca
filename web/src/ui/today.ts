// The Today screen: the core's today list (due / done / later, each with
// Start), adherence and streaks (the core's `adherence`), reminders (turn on
// notifications; the banner otherwise), and the schedules (add, remove).
// The core computes every number and validates every schedule; this only
// shows them with the page's "now" in the chosen time zone.
import type { Adherence, AdherenceWindow, NewSchedule, Schedule, Session, SyncStatus, TodayItem } from '../rpc';
import type { App } from './app';
import { h } from './dom';
import type { PushReminders, PushState } from './push';
import { Reminders } from './reminders';
import type { RoutinesScreen } from './routines';
import { dateInZone, daysAgo, formatTime, isoInZone } from './time';
import { formatSeconds } from './player';

// Recent sessions shown under adherence: the last few of four weeks.
const kRecentDays = 27;
const kRecentShown = 5;

const kDayChoices: readonly { value: string; label: string }[] = [
  { value: 'daily', label: 'Every day' },
  { value: 'weekdays', label: 'Weekdays' },
  { value: 'weekends', label: 'Weekends' },
  { value: 'custom', label: 'Chosen days' },
];
const kWeekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const kWeekdayLabels = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function windowText(w: AdherenceWindow): string {
  const sessions = `${w.sessions} session${w.sessions === 1 ? '' : 's'} on ${w.session_days} day${w.session_days === 1 ? '' : 's'}`;
  if (w.percent === null) return `${sessions} (nothing scheduled)`;
  return `${w.done} of ${w.planned} planned done (${w.percent} %), ${sessions}`;
}

export class TodayScreen {
  private readonly list: HTMLOListElement;
  private readonly empty: HTMLElement;
  private readonly adherence: HTMLElement;
  private readonly schedules: HTMLUListElement;
  private readonly form: HTMLFormElement;
  private readonly reminderState: HTMLElement;
  private readonly recent: HTMLOListElement;
  private readonly pushField: HTMLElement;
  private readonly pushBox: HTMLInputElement;
  private readonly pushState: HTMLElement;
  private signedIn = false;
  // The time zone whose offsets the server has (Web Push).
  private pushZone = '';

  constructor(
    private readonly app: App,
    root: HTMLElement,
    private readonly routines: RoutinesScreen,
    private readonly reminders: Reminders,
    private readonly push: PushReminders,
    private readonly start: (routineId: string) => void,
  ) {
    this.list = root.querySelector('ol.today-list') as HTMLOListElement;
    this.empty = root.querySelector('.today-empty') as HTMLElement;
    this.adherence = root.querySelector('.adherence') as HTMLElement;
    this.schedules = root.querySelector('ul.schedules') as HTMLUListElement;
    this.form = root.querySelector('form.add-schedule') as HTMLFormElement;
    this.reminderState = root.querySelector('.reminder-state') as HTMLElement;
    this.recent = root.querySelector('ol.recent-sessions') as HTMLOListElement;
    reminders.onItems((items) => this.renderToday(items));
    this.buildForm();
    const allow = root.querySelector('button.allow-notifications') as HTMLButtonElement;
    allow.addEventListener('click', () => {
      void Reminders.ask().then(() => this.renderReminderState(allow));
    });
    this.renderReminderState(allow);
    this.pushField = root.querySelector('.push-field') as HTMLElement;
    this.pushBox = root.querySelector('input.push-enabled') as HTMLInputElement;
    this.pushState = root.querySelector('.push-state') as HTMLElement;
    this.pushBox.addEventListener('change', () => void this.togglePush(allow));
    // A new time zone: the server needs its offsets.
    app.onChange(() => {
      if (this.pushZone && this.pushZone !== app.prefs.timeZone) void this.refreshPush();
    });
  }

  /** Follows the sign-in: reminders by Web Push need the account's server. */
  syncChanged(status: SyncStatus): void {
    const first = status.signedIn && !this.signedIn;
    this.signedIn = status.signedIn;
    if (first) void this.refreshPush();
    else void this.renderPush();
  }

  // The app started (or a new zone): the server gets this year's offsets.
  private async refreshPush(): Promise<void> {
    this.pushZone = this.app.prefs.timeZone;
    await this.push.refresh();
    await this.renderPush();
  }

  private async togglePush(allow: HTMLButtonElement): Promise<void> {
    this.pushBox.disabled = true;
    if (this.pushBox.checked) {
      const outcome = await this.push.enable();
      this.renderReminderState(allow);
      if (!outcome.ok) {
        await this.renderPush();
        this.pushState.textContent = `Could not turn on reminders with Unknot closed: ${outcome.error.message}`;
        return;
      }
      this.pushZone = this.app.prefs.timeZone;
    } else {
      await this.push.disable();
    }
    await this.renderPush();
  }

  private async renderPush(): Promise<void> {
    const state: PushState = await this.push.state(this.signedIn);
    this.pushField.hidden = state === 'unsupported';
    this.pushBox.checked = state === 'on';
    this.pushBox.disabled = state === 'signed-out' || state === 'unavailable';
    this.pushState.textContent = {
      unsupported: 'This browser cannot get reminders while Unknot is closed.',
      'signed-out': 'Sign in (Settings → Account and sync) to get reminders while Unknot is closed: your server sends them.',
      unavailable: 'Notifications are blocked for Unknot in this browser.',
      off: '',
      on: "Reminders come even when Unknot is closed (sent by your server through this browser's push service).",
    }[state];
  }

  private now(): { at: string } {
    return { at: isoInZone(new Date(), this.app.prefs.timeZone) };
  }

  /** Reloads the list, adherence and schedules from the core. */
  async refresh(): Promise<void> {
    const [adherence, schedules, sessions] = await Promise.all([
      this.app.client.call('adherence', this.now()),
      this.app.client.call('schedules'),
      this.app.client.call('sessions', { since: daysAgo(kRecentDays, this.app.prefs.timeZone) }),
      this.reminders.check(),
    ]);
    if (sessions.ok) this.renderSessions(sessions.result);
    if (adherence.ok) this.renderAdherence(adherence.result);
    else this.app.showError('Could not compute adherence', adherence.error);
    if (schedules.ok) this.renderSchedules(schedules.result);
    else this.app.showError('Could not list the schedules', schedules.error);
  }

  /** The routine list of the schedule form (after the routines change). */
  routinesChanged(): void {
    const select = this.form.querySelector('select[name="routine"]') as HTMLSelectElement;
    const chosen = select.value;
    select.replaceChildren(...this.routines.all.map((r) => h('option', { value: r.id, selected: r.id === chosen }, r.title)));
  }

  private renderReminderState(allow: HTMLButtonElement): void {
    const permission = Reminders.permission();
    allow.hidden = permission !== 'default';
    this.reminderState.textContent =
      permission === 'granted'
        ? 'Reminders: notifications while Unknot is open, and a banner here.'
        : permission === 'denied'
          ? 'Notifications are blocked for Unknot in this browser: reminders show as a banner while Unknot is open.'
          : permission === 'unsupported'
            ? 'This browser has no notifications: reminders show as a banner while Unknot is open.'
            : 'Reminders show as a banner while Unknot is open. Allow notifications to get them in the other apps too.';
  }

  private renderToday(items: TodayItem[]): void {
    this.empty.hidden = items.length > 0;
    this.list.replaceChildren(
      ...items.map((item) => {
        const state = item.done ? 'Done' : item.due ? 'Due' : 'Later';
        const start = h('button', { type: 'button', 'aria-label': `Start ${item.title} (${item.time})` }, 'Start');
        start.addEventListener('click', () => this.start(item.routine_id));
        return h(
          'li',
          { class: `today-item ${state.toLowerCase()}` },
          h('span', { class: 'today-time' }, item.time),
          h('span', { class: 'today-title' }, item.title),
          h('span', { class: 'today-state' }, state),
          item.done ? null : start,
        );
      }),
    );
  }

  private renderAdherence(a: Adherence): void {
    const streak = `${a.current_streak} day${a.current_streak === 1 ? '' : 's'}`;
    this.adherence.replaceChildren(
      h(
        'dl',
        { class: 'numbers' },
        h('dt', {}, 'Streak'),
        h('dd', { class: 'streak' }, `${streak} (longest ${a.longest_streak})`),
        h('dt', {}, 'Last 7 days'),
        h('dd', { class: 'week' }, windowText(a.last_7_days)),
        h('dt', {}, 'Last 28 days'),
        h('dd', { class: 'month' }, windowText(a.last_28_days)),
        h('dt', {}, 'All sessions'),
        h('dd', { class: 'total' }, String(a.total_sessions)),
      ),
    );
  }

  private renderSessions(sessions: Session[]): void {
    const title = (id: string) => this.routines.all.find((r) => r.id === id)?.title ?? id;
    const shown = sessions.slice(-kRecentShown).reverse();
    this.recent.replaceChildren(
      ...shown.map((s) => {
        const pain =
          s.pain_before !== null && s.pain_after !== null
            ? `, pain ${s.pain_before} → ${s.pain_after}${s.site ? ` (${this.app.siteLabel(s.site)})` : ''}`
            : '';
        return h(
          'li',
          {},
          h('time', { datetime: s.at }, formatTime(s.at, this.app.prefs.timeZone)),
          ` ${title(s.routine_id)}: ${s.steps_done} of ${s.steps_total} steps, ${formatSeconds(s.duration_seconds)}${pain}`,
        );
      }),
    );
  }

  private renderSchedules(schedules: Schedule[]): void {
    const title = (id: string) => this.routines.all.find((r) => r.id === id)?.title ?? id;
    this.schedules.replaceChildren(
      ...schedules.map((s) => {
        const name = `${title(s.routine_id)}, ${s.description}`;
        const remove = h('button', { type: 'button', class: 'danger', 'aria-label': `Remove ${name}` }, 'Remove');
        remove.addEventListener('click', () => void this.remove(s));
        return h('li', {}, h('span', {}, name), remove);
      }),
    );
    (this.schedules.previousElementSibling as HTMLElement).hidden = schedules.length > 0;
  }

  private async remove(schedule: Schedule): Promise<void> {
    const answer = await this.app.run('Could not remove the schedule', this.app.client.call('removeSchedule', schedule.id));
    if (answer.ok) await this.refresh();
  }

  private buildForm(): void {
    const f = this.form;
    const days = f.querySelector('select[name="days"]') as HTMLSelectElement;
    days.replaceChildren(...kDayChoices.map((c) => h('option', { value: c.value }, c.label)));
    const chosenDays = f.querySelector('fieldset.week-days') as HTMLFieldSetElement;
    chosenDays.append(
      ...kWeekdays.map((d, i) => h('label', { class: 'chip' }, h('input', { type: 'checkbox', value: d }), kWeekdayLabels[i]!)),
    );
    days.addEventListener('change', () => {
      chosenDays.hidden = days.value !== 'custom';
    });
    const repeat = f.querySelector('input[name="repeat"]') as HTMLInputElement;
    const repeatFields = f.querySelector('.repeat-fields') as HTMLElement;
    repeat.addEventListener('change', () => {
      repeatFields.hidden = !repeat.checked;
    });
    f.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.add();
    });
  }

  private async add(): Promise<void> {
    const f = this.form;
    const field = (name: string) => (f.querySelector(`[name="${name}"]`) as HTMLInputElement).value;
    let days = field('days');
    if (days === 'custom') {
      days = [...f.querySelectorAll<HTMLInputElement>('fieldset.week-days input:checked')].map((i) => i.value).join(',');
    }
    const since = dateInZone(new Date(), this.app.prefs.timeZone);
    const schedule: NewSchedule = { routine_id: field('routine'), at: field('at'), days, since };
    if ((f.querySelector('input[name="repeat"]') as HTMLInputElement).checked) {
      // As typed: the core refuses what is not a whole number in range.
      schedule.every_minutes = Number(field('every'));
      schedule.until = field('until');
    }
    const answer = await this.app.run('Could not add the schedule', this.app.client.call('addSchedule', schedule));
    if (answer.ok) await this.refresh();
  }
}
