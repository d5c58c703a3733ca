// The page: screens (Log, Today, Routines, History, Settings) behind hash links, one
// feedback area (save status, the core's errors, Undo), the disclaimer in the
// header. It talks to the journal only through the worker (client.ts) and
// shows the core's error messages as they come: no validation happens here.
import './app.css';
import { CoreClient } from './client';
import type { Notice, SyncStatus, TriagePause } from './rpc';
import { App } from './ui/app';
import { CheckScreen } from './ui/check';
import { renderHelp } from './ui/help';
import { ReportScreen } from './ui/report';
import { byId } from './ui/dom';
import { HistoryScreen } from './ui/history';
import { LogScreen } from './ui/log';
import { dropSharedViews, PatientsScreen } from './ui/patients';
import { ShareScreen } from './ui/share';
import { SuggestionsPanel } from './ui/suggestions';
import { loadPrefs } from './ui/prefs';
import { Reminders } from './ui/reminders';
import { RoutinesScreen } from './ui/routines';
import { SettingsScreen } from './ui/settings';
import { SyncUi } from './ui/sync';
import { PushReminders } from './ui/push';
import { TodayScreen } from './ui/today';

// Set by build.mjs (esbuild `define`): the hashed worker bundle.
declare const UNKNOT_WORKER_URL: string;

const kScreens = ['log', 'today', 'routines', 'history', 'check', 'help', 'report', 'share', 'patients', 'settings'] as const;
type Screen = (typeof kScreens)[number];

const ui = {
  status: byId<HTMLParagraphElement>('status'),
  error: byId<HTMLParagraphElement>('error'),
  logButton: byId<HTMLButtonElement>('log-button'),
  undoButton: byId<HTMLButtonElement>('undo'),
  storage: byId<HTMLParagraphElement>('storage-note'),
};

// Screens that load when shown (set once the journal is open).
const onShown: Partial<Record<Screen, () => void>> = {};

let ready = false;
let busy = false;
// Another tab holds the journal: this one waits (the worker's open) and
// nothing can be saved here until it closes.
let waitingForOtherTab = false;

function syncControls(): void {
  ui.logButton.disabled = !ready || busy || waitingForOtherTab;
  ui.undoButton.disabled = !ready || busy || waitingForOtherTab;
}

const feedback = {
  status(text: string) {
    ui.status.textContent = text;
  },
  error(action: string, error: { code: string; message: string } | null) {
    ui.error.hidden = error === null;
    ui.error.textContent = error ? `${action}: ${error.message} (${error.code})` : '';
  },
  busy(value: boolean) {
    busy = value;
    syncControls();
  },
};

// Set once the screens exist: the sync state and news of synced changes.
let syncUi: SyncUi | null = null;
let lastSync: SyncStatus | null = null;
let onSynced: (() => void) | null = null;
// Sharing: the screens that follow the sync state, and the watched share's news.
const syncListeners: ((status: SyncStatus) => void)[] = [];
let onShared: ((notice: Extract<Notice, { notice: 'shared' }>) => void) | null = null;
// A therapist's app opens on Patients (the role only sets this default).
let defaultScreen: Screen = 'log';

const client = new CoreClient(new URL(UNKNOT_WORKER_URL, document.baseURI).href, (notice) => {
  if (notice.notice === 'waiting-for-other-tab') {
    waitingForOtherTab = true;
    syncControls();
    feedback.status('Unknot is open in another tab. Close it to use your journal here.');
  } else if (notice.notice === 'sync') {
    lastSync = notice.status;
    syncUi?.show(notice.status);
    for (const listener of syncListeners) listener(notice.status);
    // Changes from another device: the screens show them without a reload.
    if (notice.changed) onSynced?.();
  } else if (notice.notice === 'shared') {
    onShared?.(notice);
  }
});

function currentScreen(): Screen {
  const name = location.hash.slice(1);
  // An invitation link (#redeem=CODE) opens Patients with the code filled in.
  if (name.startsWith('redeem=')) return 'patients';
  return (kScreens as readonly string[]).includes(name) ? (name as Screen) : defaultScreen;
}

// On a phone the links are one row that scrolls sideways (app.css): keep
// the current screen's link in view without scrolling the page.
function revealInRow(link: HTMLAnchorElement): void {
  const row = link.closest('ul');
  if (!row || row.scrollWidth <= row.clientWidth) return;
  const left = link.offsetLeft;
  const right = left + link.offsetWidth;
  if (left < row.scrollLeft || right > row.scrollLeft + row.clientWidth * 0.85) {
    row.scrollLeft = Math.max(0, left - 16);
  }
}

function showScreen(moveFocus: boolean): void {
  const screen = currentScreen();
  for (const name of kScreens) byId(`screen-${name}`).hidden = name !== screen;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a[data-screen]')) {
    if (link.dataset.screen === screen) {
      link.setAttribute('aria-current', 'page');
      revealInRow(link);
    } else {
      link.removeAttribute('aria-current');
    }
  }
  // On Log the feedback sits in the sticky bar right above the Log button
  // (one bottom bar, not two on top of each other); elsewhere after main.
  const feedbackArea = document.querySelector('.feedback')!;
  if (screen === 'log') document.querySelector('.log-bar')!.prepend(feedbackArea);
  else document.querySelector('main')!.after(feedbackArea);
  if (moveFocus) byId(`${screen}-heading`).focus();
  onShown[screen]?.();
}

// The check banner under the navigation, on every screen: a pause that holds
// until "I've been seen" (RED_FLAGS.md), else the weekly or first check, or
// the check offered after a flare.
const banner = {
  pause: null as TriagePause | null,
  flare: false,
  show(): void {
    const box = byId('check-banner');
    const text = box.querySelector('.check-banner-text')!;
    const p = this.pause;
    let message = '';
    box.classList.toggle('paused', !!p && p.pauses !== 'none');
    if (p && p.pauses !== 'none') {
      message =
        (p.pauses === 'all' ? 'Self-care is paused' : 'Self-care on the painful area is paused') +
        " after your last check. Once a clinician has seen you, tap “I've been seen” on the Check screen.";
    } else if (this.flare) {
      message = 'You logged a flare. Check for warning signs now?';
    } else if (p && p.recheck_due) {
      message = p.last_check_at
        ? 'Your last check for warning signs was more than a week ago.'
        : 'You have not checked for warning signs yet.';
    }
    text.textContent = message;
    box.hidden = message === '' || currentScreen() === 'check';
  },
};

async function askPersistentStorage(): Promise<void> {
  if (!navigator.storage?.persist) return;
  const persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
  ui.storage.hidden = persisted;
}

// Deletes every piece of this origin's data the app keeps: the worker stops
// first (releasing the journal), then every IndexedDB database and the
// origin-private file system are emptied, whatever the worker stored there,
// and the preferences. The app shell's cache stays (it holds no user data),
// so Unknot still opens offline, with an empty journal.
async function wipeAll(): Promise<void> {
  client.terminate();
  const names = (await indexedDB.databases?.())?.map((db) => db.name ?? '') ?? ['/journal'];
  await Promise.all(
    names
      .filter((name) => name !== '')
      .map(
        (name) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(name);
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
  );
  // The stopped worker's file handles close asynchronously: a file still
  // locked is tried again a few times.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const root = await navigator.storage.getDirectory();
      const entries = (root as unknown as { keys(): AsyncIterable<string> }).keys();
      for await (const name of entries) await root.removeEntry(name, { recursive: true });
      break;
    } catch (err) {
      // No OPFS in this browser: nothing stored there.
      if (err instanceof TypeError || !navigator.storage?.getDirectory) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  // A therapist's copies of shared views are not the journal, but they are data.
  await dropSharedViews();
  // Reminders by Web Push end with the data (the push service then tells
  // the server this browser is gone).
  await navigator.serviceWorker
    ?.getRegistration()
    .then((registration) => registration?.pushManager?.getSubscription())
    .then((subscription) => subscription?.unsubscribe())
    .catch(() => undefined);
  localStorage.clear();
  location.reload();
}

async function start(): Promise<void> {
  window.addEventListener('hashchange', () => {
    showScreen(true);
    if (currentScreen() === 'check') banner.flare = false;
    banner.show();
  });
  showScreen(false);
  void askPersistentStorage();
  // Log is usable once the core has loaded (the vocabulary draws the body
  // map); the journal opens meanwhile, and a first Log waits for it in the
  // worker's queue ("Saved" still means durable). A first visit writes a
  // new journal file, which costs more than drawing the screen.
  const starting = client.call('start');
  const opening = client.call('open');
  const started = await starting;
  if (!started.ok) {
    feedback.status('');
    feedback.error('Could not open your journal', started.error);
    return;
  }
  const app = new App(client, started.result.vocabulary, loadPrefs(), feedback);
  const log = new LogScreen(app, byId('screen-log'));
  app.onChange(() => log.setVocabulary());
  ready = true;
  syncControls();
  if (!waitingForOtherTab) feedback.status('Ready');
  // For the end-to-end suite and later performance budgets.
  performance.mark('unknot:ready');
  const opened = await opening;
  if (waitingForOtherTab) {
    waitingForOtherTab = false;
    syncControls();
    feedback.status('Ready');
  }
  // Only now: on a first visit the service worker's install downloads the
  // whole app again (wasm included) and would compete with the start.
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js').catch((err: unknown) => {
      console.warn('service worker not registered', err);
    });
  }
  if (!opened.ok) {
    ready = false;
    syncControls();
    feedback.status('');
    feedback.error('Could not open your journal', opened.error);
    return;
  }
  byId('storage-fallback').hidden = opened.result.storage !== 'idbfs';
  // The user's own triggers come with the journal.
  const withCustom = await client.call('vocabulary');
  if (withCustom.ok) {
    app.setVocabulary(withCustom.result);
    log.setVocabulary();
  }
  const history = new HistoryScreen(app, byId('screen-history'));
  new SettingsScreen(
    app,
    byId('screen-settings'),
    (emergency) => {
      for (const span of document.querySelectorAll('.emergency-inline')) span.textContent = ` (${emergency})`;
    },
    wipeAll,
  );
  // The other screens fill in after Log is usable.
  syncUi = new SyncUi(client, () => app.prefs.timeZone, wipeAll);
  onSynced = () => app.changed();
  const status = await client.call('syncStatus');
  const initial = status.ok ? status.result : lastSync;
  if (initial) syncUi.show(initial);
  startSharing(app, initial);
  const questions = await client.call('triageQuestions');
  if (questions.ok) {
    const check = new CheckScreen(app, byId('screen-check'), questions.result, (pause) => {
      banner.pause = pause;
      banner.show();
    });
    const showHelp = async () => {
      const numbers = await client.call('emergencyNumbers', app.prefs.country);
      if (numbers.ok) renderHelp(byId('screen-help').querySelector('.help-content')!, numbers.result);
    };
    window.addEventListener('hashchange', () => {
      if (currentScreen() === 'help') void showHelp();
    });
    await showHelp();
    app.onFlareLogged = () => {
      banner.flare = true;
      banner.show();
    };
    const report = new ReportScreen(app, byId('screen-report'));
    window.addEventListener('hashchange', () => {
      if (currentScreen() === 'report') void report.refresh();
    });
    if (currentScreen() === 'report') await report.refresh();
    // A check stored on another device arrives by sync: its pause counts here.
    app.onChange(() => void check.refresh());
    await check.refresh();
  } else {
    feedback.error('Could not load the check', questions.error);
  }
  startRoutines(app, initial);
  await history.refresh();
}

// Share (the patient's shares) and Patients (what others share with this
// account): both follow the sign-in; Patients hears the watched share's news.
function startSharing(app: App, initial: SyncStatus | null): void {
  const share = new ShareScreen(app, byId('screen-share'));
  const patients = new PatientsScreen(app, byId('screen-patients'));
  let roleSeen = false;
  const roleDefault = (status: SyncStatus) => {
    if (roleSeen || !status.signedIn) return;
    roleSeen = true;
    if (status.role !== 'therapist') return;
    defaultScreen = 'patients';
    // Only when no screen was asked for (a bare URL).
    if (location.hash === '') showScreen(false);
  };
  syncListeners.push((status) => {
    share.syncChanged(status);
    patients.syncChanged(status);
    roleDefault(status);
  });
  onShared = (notice) => patients.shareEvent(notice.shareId, notice.event);
  onShown.share = () => void share.refresh();
  onShown.patients = () => {
    const code = location.hash.startsWith('#redeem=') ? decodeURIComponent(location.hash.slice('#redeem='.length)) : '';
    if (code) patients.offerCode(code);
    void patients.refresh();
  };
  if (initial) {
    share.syncChanged(initial);
    patients.syncChanged(initial);
    roleDefault(initial);
  }
  if (currentScreen() === 'patients' || currentScreen() === 'share') onShown[currentScreen()]?.();
}

// Routines, Today and the reminders: Today's Start and a reminder open the
// player on the Routines screen.
function startRoutines(app: App, initial: SyncStatus | null): void {
  const routines = new RoutinesScreen(app, byId('screen-routines'));
  const startRoutine = (id: string) => {
    location.hash = '#routines';
    routines.start(id);
  };
  const reminders = new Reminders(app, byId('reminder-banner'), startRoutine);
  const push = new PushReminders(app);
  const today = new TodayScreen(app, byId('screen-today'), routines, reminders, push, startRoutine);
  syncUi?.beforeSignOut.push(() => push.disable());
  syncListeners.push((status) => today.syncChanged(status));
  const known = lastSync ?? initial;
  if (known) today.syncChanged(known);
  const suggestions = new SuggestionsPanel(app, byId('screen-today').querySelector<HTMLElement>('.suggestions')!, startRoutine);
  app.onChange(() => void suggestions.refresh());
  void suggestions.refresh();
  onShown.routines = () => routines.shown();
  // Another device's changes may bring routines of the person's own.
  const synced = onSynced;
  onSynced = () => {
    synced?.();
    void routines.refresh().then(() => today.routinesChanged());
  };
  onShown.today = () => void today.refresh();
  app.onChange(() => {
    today.routinesChanged();
    void today.refresh();
  });
  void routines.refresh().then(() => {
    today.routinesChanged();
    return today.refresh();
  });
}

void start();
