// Share (#share): the patient shares their synced journal with a therapist
// (docs/sharing.md). Pick what (scopes), which period and until when;
// Preview shows exactly what the therapist would see (the core's shared
// view of this journal, drawn as the therapist's screen draws it); Create
// makes a one-time invitation — code, link and QR code. Below, every share:
// who holds it, when it was last viewed, its activity (the access log), and
// Stop sharing. The server decides every rule; this only asks.
import type { CoreError, OwnedShare, ShareScope, SharePeriod, SyncStatus } from '../rpc';
import type { App } from './app';
import { h, uid } from './dom';
import { routineTitles } from './insights';
import { qrSvg } from './qr';
import { describePeriod, kScopeWords, renderSharedView } from './shared_view';
import { daysAgo, formatTime, fromLocalInput } from './time';

const kScopes: ShareScope[] = ['entries', 'notes', 'routines', 'adherence', 'triage', 'insights'];
const kDefaultScopes = new Set<ShareScope>(['entries', 'routines', 'adherence', 'triage']);
const kDefaultDays = 90;

const kActions: Record<string, string> = {
  'share-create': 'shared',
  'share-redeem': 'accepted the invitation',
  'share-view': 'viewed',
  'share-suggest': 'sent a suggestion',
  'share-visit': 'set the visit date',
  'share-revoke': 'stopped the share',
  'share-refused': 'was refused',
};

/** A line of a share's access log in words. */
function actionText(action: string, detail: string): string {
  if (action === 'share-revoke' && detail === 'account-deleted') return 'deleted their account, which ended the share';
  const text = kActions[action] ?? action;
  return action === 'share-refused' && detail ? `${text} (${detail})` : text;
}

/** The instant that ends local date `day` (inclusive) in `zone`: the next midnight. */
function endOfDay(day: string, zone: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return fromLocalInput(`${next.toISOString().slice(0, 10)}T00:00`, zone);
}

export class ShareScreen {
  private readonly form: HTMLFormElement;
  private readonly preview: HTMLElement;
  private readonly invite: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly notice: HTMLElement;
  private readonly error: HTMLElement;
  private readonly confirm: HTMLDialogElement;
  private signedIn = false;

  constructor(
    private readonly app: App,
    root: HTMLElement,
  ) {
    this.notice = root.querySelector('.share-signin') as HTMLElement;
    this.form = root.querySelector('form.share-form') as HTMLFormElement;
    this.preview = root.querySelector('.share-preview') as HTMLElement;
    this.invite = root.querySelector('.share-invite') as HTMLElement;
    this.list = root.querySelector('ol.share-list') as HTMLOListElement;
    this.error = root.querySelector('.share-error') as HTMLElement;
    this.confirm = root.querySelector('dialog.confirm-revoke') as HTMLDialogElement;
    this.buildForm();
  }

  /** The sync state decides whether sharing is possible here. */
  syncChanged(status: SyncStatus): void {
    const was = this.signedIn;
    this.signedIn = status.signedIn;
    this.notice.hidden = status.signedIn;
    for (const button of this.form.querySelectorAll('button')) button.disabled = !status.signedIn;
    if (status.signedIn && !was) void this.refresh();
  }

  private buildForm(): void {
    const zone = this.app.prefs.timeZone;
    const scopes = h('fieldset', { class: 'field share-scopes' }, h('legend', {}, 'What to share'));
    for (const scope of kScopes) {
      scopes.append(
        h('label', { class: 'choice' }, h('input', { type: 'checkbox', name: 'scope', value: scope, checked: kDefaultScopes.has(scope) }), ` ${kScopeWords[scope]}`),
      );
    }
    const daysId = uid('share-days');
    const sinceId = uid('share-since');
    const expiresId = uid('share-expires');
    const radio = (value: string, checked = false) => h('input', { type: 'radio', name: 'period', value, checked });
    const period = h(
      'fieldset',
      { class: 'field share-period' },
      h('legend', {}, 'Which period'),
      h(
        'div',
        { class: 'period-row' },
        h('label', { class: 'choice' }, radio('last', true), ' The last'),
        h('input', { type: 'number', id: daysId, name: 'days', value: kDefaultDays, min: 1, max: 3660, inputmode: 'numeric', 'aria-label': 'Number of days' }),
        ' days',
      ),
      h(
        'div',
        { class: 'period-row' },
        h('label', { class: 'choice' }, radio('since'), ' Since'),
        h('input', { type: 'date', id: sinceId, name: 'since', value: daysAgo(kDefaultDays, zone), 'aria-label': 'Since date' }),
      ),
      h('div', { class: 'period-row' }, h('label', { class: 'choice' }, radio('all'), ' Everything')),
    );
    const expires = h(
      'div',
      { class: 'field' },
      h('label', { for: expiresId }, 'Until (the share ends after this day)'),
      h('input', { type: 'date', id: expiresId, name: 'expires', value: daysAgo(-kDefaultDays, zone) }),
    );
    const previewButton = h('button', { type: 'button', class: 'preview' }, 'Preview what they will see');
    const create = h('button', { type: 'submit', class: 'create' }, 'Create invitation');
    previewButton.addEventListener('click', () => void this.showPreview());
    this.form.replaceChildren(scopes, period, expires, h('div', { class: 'button-row' }, previewButton, create));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.create();
    });
  }

  private choice(): { scopes: ShareScope[]; period: SharePeriod; expires: string } {
    const data = new FormData(this.form);
    const scopes = data.getAll('scope') as ShareScope[];
    const kind = String(data.get('period'));
    const period: SharePeriod =
      kind === 'last' ? { last_days: Number(data.get('days')) } : kind === 'since' ? { since: String(data.get('since')) } : {};
    return { scopes, period, expires: String(data.get('expires')) };
  }

  private showError(action: string, error: CoreError | null): void {
    this.error.hidden = error === null;
    this.error.textContent = error ? `${action}: ${error.message} (${error.code})` : '';
  }

  private async showPreview(): Promise<void> {
    const { scopes, period } = this.choice();
    const answer = await this.app.client.call('sharePreview', { scopes, period });
    if (!answer.ok) return this.showError('Could not preview', answer.error);
    this.showError('', null);
    const body = h('div', { class: 'shared-body' });
    renderSharedView(body, this.app, answer.result, { titles: await routineTitles(this.app) });
    const heading = h('h3', { tabindex: -1 }, 'Preview: exactly what your therapist will see (what has synced)');
    this.preview.replaceChildren(heading, body);
    this.preview.hidden = false;
    heading.focus();
  }

  private async create(): Promise<void> {
    const { scopes, period, expires } = this.choice();
    if (expires === '') return this.showError('Could not share', { code: 'invalid-expiry', message: 'Choose the last day of the share.' });
    const answer = await this.app.client.call('shareCreate', { scopes, period, expires_at: endOfDay(expires, this.app.prefs.timeZone) });
    if (!answer.ok) return this.showError('Could not share', answer.error);
    this.showError('', null);
    this.showInvite(answer.result);
    await this.refresh();
  }

  private showInvite(share: OwnedShare): void {
    const code = share.code ?? '';
    const link = `${location.origin}${location.pathname}#redeem=${code}`;
    const copy = h('button', { type: 'button' }, 'Copy the link');
    const copied = h('span', { role: 'status' });
    copy.addEventListener('click', () => {
      void navigator.clipboard?.writeText(link).then(
        () => (copied.textContent = 'Copied.'),
        () => (copied.textContent = 'Copy it by hand: the browser did not allow it.'),
      );
    });
    const heading = h('h3', { tabindex: -1 }, 'Invitation ready');
    this.invite.replaceChildren(
      heading,
      h('p', {}, `Give your therapist this code or link. It works once, for one account, until ${formatTime(share.expires_at, this.app.prefs.timeZone)}. It is shown only now.`),
      h('p', { class: 'invite-code' }, h('span', { class: 'visually-hidden' }, 'Code: '), h('code', {}, code)),
      h('p', { class: 'invite-link' }, h('a', { href: link }, link)),
      h('div', { class: 'button-row' }, copy, copied),
      qrSvg(link, 'QR code of the invitation link'),
    );
    this.invite.hidden = false;
    heading.focus();
  }

  async refresh(): Promise<void> {
    if (!this.signedIn) return;
    const answer = await this.app.client.call('shareList');
    if (!answer.ok) return this.showError('Could not list your shares', answer.error);
    const shares = answer.result.shares;
    this.list.replaceChildren(...shares.map((s) => this.item(s)));
    (this.list.nextElementSibling as HTMLElement | null)?.toggleAttribute('hidden', shares.length > 0);
  }

  private item(share: OwnedShare): HTMLLIElement {
    const zone = this.app.prefs.timeZone;
    const ended = share.revoked_at !== null || new Date(share.expires_at) <= new Date();
    const who = share.redeemed_by ?? 'not accepted yet';
    const lines = [
      `${share.scopes.join(', ')}; ${describePeriod(share.period)}; until ${formatTime(share.expires_at, zone)}`,
      `Held by ${who}; last viewed ${share.last_viewed_at ? formatTime(share.last_viewed_at, zone) : 'never'}`,
      share.revoked_at ? `Stopped ${formatTime(share.revoked_at, zone)}` : ended ? 'Expired' : 'Active',
    ];
    const activity = h('details', { class: 'share-activity' }, h('summary', {}, 'Activity'));
    activity.addEventListener('toggle', () => {
      if (activity.open) void this.loadLog(share.id, activity);
    });
    const tools = h('div', { class: 'entry-tools' });
    if (!ended) {
      const stop = h('button', { type: 'button', class: 'danger', 'aria-label': `Stop sharing with ${who}` }, 'Stop sharing');
      stop.addEventListener('click', () => this.askRevoke(share, who));
      tools.append(stop);
    }
    return h('li', { 'aria-label': `Share held by ${who}` }, ...lines.map((line) => h('p', {}, line)), activity, tools);
  }

  private async loadLog(id: string, into: HTMLDetailsElement): Promise<void> {
    const answer = await this.app.client.call('shareLog', id);
    const zone = this.app.prefs.timeZone;
    const body = !answer.ok
      ? h('p', { class: 'error' }, `${answer.error.message} (${answer.error.code})`)
      : answer.result.log.length === 0
        ? h('p', {}, 'Nothing yet.')
        : h('ol', {}, ...answer.result.log.map((line) =>
            h('li', {}, `${formatTime(line.at, zone)}: ${line.actor} ${actionText(line.action, line.detail)}`),
          ));
    into.querySelector('summary')!.after(body);
    while (into.children.length > 2) into.lastElementChild!.remove();
  }

  private askRevoke(share: OwnedShare, who: string): void {
    const dialog = this.confirm;
    dialog.querySelector('.revoke-who')!.textContent = who;
    const yes = dialog.querySelector('button.confirm') as HTMLButtonElement;
    const no = dialog.querySelector('button.cancel') as HTMLButtonElement;
    const done = () => {
      yes.onclick = no.onclick = null;
      dialog.close();
    };
    no.onclick = done;
    yes.onclick = () => {
      done();
      void this.app.client.call('shareRevoke', share.id).then(async (answer) => {
        if (!answer.ok) return this.showError('Could not stop sharing', answer.error);
        this.app.status(`Stopped sharing with ${who}.`);
        await this.refresh();
      });
    };
    dialog.showModal();
  }
}
