// Sync on the page: the sync state in the header of every screen (with
// "Sync now"), and Settings' Account section — sign up (the recovery codes
// shown once, with a "saved them" step), log in, recover with a code, sign
// out keeping or wiping this device's journal. The worker does the work
// (worker_sync.ts); this only shows its state and the server's messages.
import type { CoreClient } from '../client';
import type { CoreError, SyncStatus } from '../rpc';
import { byId, h } from './dom';

/** The words for a sync state, and a short name for styling and tests. */
export function describeSync(status: SyncStatus, timeZone: string): { state: string; text: string } {
  const waiting = status.pending === 1 ? '1 change waiting to sync' : `${status.pending} changes waiting to sync`;
  if (!status.signedIn) {
    return status.sessionEnded
      ? { state: 'signed-out', text: 'Signed out: your session ended. Log in again (Settings) to sync.' }
      : { state: 'local', text: 'Only on this device (not syncing)' };
  }
  switch (status.phase) {
    case 'syncing':
      return { state: 'syncing', text: status.pending > 0 ? `Syncing… (${waiting})` : 'Syncing…' };
    case 'offline':
      return { state: 'offline', text: status.pending > 0 ? `Offline: ${waiting}` : 'Offline: will sync when back' };
    case 'error': {
      const why = status.error ? `${status.error.message} (${status.error.code})` : 'unknown';
      return { state: 'error', text: `Sync error: ${why}${status.pending > 0 ? `; ${waiting}` : ''}` };
    }
    default:
      break;
  }
  if (status.pending > 0) return { state: 'pending', text: waiting };
  if (status.lastSync === null) return { state: 'pending', text: 'Not synced yet' };
  let time: string;
  try {
    time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone }).format(status.lastSync);
  } catch {
    time = new Date(status.lastSync).toLocaleTimeString();
  }
  return { state: 'synced', text: `Synced at ${time}` };
}

/** Leaves the page to delete everything (main.ts's wipeAll). */
export type WipeAll = () => Promise<void>;

export class SyncUi {
  /** Run before signing out, while the session still works (Web Push). */
  readonly beforeSignOut: (() => Promise<void>)[] = [];
  private status: SyncStatus | null = null;
  private readonly bar = byId<HTMLDivElement>('sync-bar');
  private readonly stateText = byId<HTMLParagraphElement>('sync-state');
  private readonly syncNow = byId<HTMLButtonElement>('sync-now');
  private readonly account = byId<HTMLElement>('account');

  constructor(
    private readonly client: CoreClient,
    private readonly timeZone: () => string,
    private readonly wipe: WipeAll,
  ) {
    this.syncNow.addEventListener('click', () => void this.client.call('syncNow', 'manual'));
    // The page knows about focus and visibility; the worker hears 'online' too.
    window.addEventListener('focus', () => void this.client.call('syncNow', 'focus'));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void this.client.call('syncNow', 'focus');
    });
    window.addEventListener('online', () => void this.client.call('syncNow', 'online'));
    this.wireAccount();
  }

  show(status: SyncStatus): void {
    this.status = status;
    const { state, text } = describeSync(status, this.timeZone());
    this.bar.dataset.state = state;
    // Only real changes reach the live region (screen readers hear each).
    if (this.stateText.textContent !== text) this.stateText.textContent = text;
    // A round's start is not news; its outcome is announced when it ends.
    if (state === 'syncing') this.stateText.setAttribute('aria-busy', 'true');
    else this.stateText.removeAttribute('aria-busy');
    this.syncNow.hidden = !status.signedIn;
    this.syncNow.disabled = status.phase === 'syncing';
    const codesShown = !this.q('.codes').hidden;
    this.q('.signed-out').hidden = status.signedIn || codesShown;
    this.q('.signed-in').hidden = !status.signedIn || codesShown;
    this.q('.account-email').textContent = status.signedIn ? `Signed in as ${status.email}.` : '';
    if (!status.signedIn && status.email) this.input('#account-email').value ||= status.email;
  }

  private q<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.account.querySelector(selector) as T;
  }

  private input(selector: string): HTMLInputElement {
    return this.q<HTMLInputElement>(selector);
  }

  private error(error: CoreError | null): void {
    const p = this.q('.account-error');
    p.hidden = error === null;
    p.textContent = error ? `${error.message} (${error.code})` : '';
  }

  private async busy<T>(task: () => Promise<T>): Promise<T> {
    const buttons = [...this.account.querySelectorAll('button')];
    for (const b of buttons) b.disabled = true;
    this.account.setAttribute('aria-busy', 'true');
    try {
      return await task();
    } finally {
      for (const b of buttons) b.disabled = false;
      this.account.removeAttribute('aria-busy');
      this.q<HTMLButtonElement>('.codes-done').disabled = !this.input('.codes-saved').checked;
    }
  }

  private wireAccount(): void {
    const email = () => this.input('#account-email').value.trim();
    const password = () => this.input('#account-password').value;
    const signIn = (method: 'logIn' | 'signUp') =>
      this.busy(async () => {
        const role = this.account.querySelector<HTMLInputElement>('input[name="account-role"]:checked')?.value;
        const answer =
          method === 'signUp'
            ? await this.client.call('signUp', email(), password(), role === 'therapist' ? 'therapist' : 'patient')
            : await this.client.call('logIn', email(), password());
        if (!answer.ok) return this.error(answer.error);
        this.error(null);
        this.input('#account-password').value = '';
        if (answer.result.recovery_codes) this.showCodes(answer.result.recovery_codes);
        if (this.status) this.show({ ...this.status, signedIn: true, email: answer.result.email });
      });
    this.q('form.sign-in').addEventListener('submit', (event) => {
      event.preventDefault();
      void signIn('logIn');
    });
    this.q('button.sign-up').addEventListener('click', () => void signIn('signUp'));

    this.q('form.recover-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.busy(async () => {
        const answer = await this.client.call(
          'recover',
          this.input('#recover-email').value.trim(),
          this.input('#recover-code').value.trim(),
          this.input('#recover-password').value,
        );
        if (!answer.ok) return this.error(answer.error);
        this.error(null);
        this.input('#recover-password').value = '';
        this.input('#recover-code').value = '';
        if (this.status) this.show({ ...this.status, signedIn: true, email: answer.result.email });
      });
    });

    const saved = this.input('.codes-saved');
    const done = this.q<HTMLButtonElement>('.codes-done');
    saved.addEventListener('change', () => (done.disabled = !saved.checked));
    done.addEventListener('click', () => {
      // Shown once: the codes are kept nowhere, not even on this page.
      this.q('.code-list').replaceChildren();
      this.q('.codes').hidden = true;
      saved.checked = false;
      if (this.status) this.show(this.status);
      this.q<HTMLButtonElement>('.sign-out').focus();
    });

    const dialog = this.q<HTMLDialogElement>('dialog.confirm-sign-out');
    this.q('button.sign-out').addEventListener('click', () => {
      const pending = this.status?.pending ?? 0;
      dialog.querySelector('.pending-note')!.textContent =
        pending > 0
          ? `${pending} change${pending === 1 ? ' has' : 's have'} not reached the server yet: deleting loses ${pending === 1 ? 'it' : 'them'}.`
          : 'Everything on this device has reached the server.';
      dialog.showModal();
    });
    dialog.querySelector('button.sign-out-cancel')!.addEventListener('click', () => dialog.close());
    dialog.querySelector('button.sign-out-keep')!.addEventListener('click', () => {
      dialog.close();
      void this.busy(async () => {
        for (const step of this.beforeSignOut) await step();
        const answer = await this.client.call('signOut');
        if (!answer.ok) return this.error(answer.error);
        this.error(null);
        this.show(answer.result);
      });
    });
    dialog.querySelector('button.sign-out-wipe')!.addEventListener('click', () => {
      dialog.close();
      void this.busy(async () => {
        for (const step of this.beforeSignOut) await step();
        const answer = await this.client.call('signOut');
        if (!answer.ok) return this.error(answer.error);
        await this.wipe();
      });
    });
  }

  private showCodes(codes: string[]): void {
    this.q('.code-list').replaceChildren(...codes.map((code) => h('li', {}, h('code', {}, code))));
    this.q('.codes').hidden = false;
    this.q('.signed-out').hidden = true;
    this.q('.signed-in').hidden = true;
    this.input('.codes-saved').checked = false;
    this.q('#codes-heading').focus();
  }
}
