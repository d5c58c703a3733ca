// What every screen shares: the worker client, the core's vocabulary, the
// device preferences, and one place that runs a journal call and shows its
// outcome (Saving… / Saved / the core's error, as it comes).
import type { Answer, CoreClient } from '../client';
import type { BodySite, Method, SitePain, Vocabulary } from '../rpc';
import type { AddCustomTrigger } from './details';
import type { Prefs } from './prefs';

export interface Feedback {
  status(text: string): void;
  error(action: string, error: { code: string; message: string } | null): void;
  busy(busy: boolean): void;
}

export class App {
  vocabulary: Vocabulary;
  private readonly sites = new Map<string, BodySite>();
  private readonly listeners: (() => void)[] = [];

  constructor(
    readonly client: CoreClient,
    vocabulary: Vocabulary,
    readonly prefs: Prefs,
    private readonly feedback: Feedback,
  ) {
    this.vocabulary = vocabulary;
    this.setVocabulary(vocabulary);
  }

  setVocabulary(vocabulary: Vocabulary): void {
    this.vocabulary = vocabulary;
    this.sites.clear();
    for (const site of vocabulary.sites) this.sites.set(site.id, site);
  }

  site(id: string): BodySite | undefined {
    return this.sites.get(id);
  }

  /** The areas (top level sites), in the core's body-map order. */
  areas(): BodySite[] {
    return this.vocabulary.sites.filter((site) => site.parent === '');
  }

  siteLabel(id: string): string {
    return this.sites.get(id)?.label ?? id;
  }

  termLabel(id: string): string {
    const v = this.vocabulary;
    for (const list of [v.qualities, v.triggers, v.helped, v.custom_triggers ?? []]) {
      const term = list.find((t) => t.id === id);
      if (term) return term.label;
    }
    return id;
  }

  describeSite(pain: SitePain): string {
    return `${this.siteLabel(pain.site)} (${pain.side}) ${pain.intensity}/10`;
  }

  /** Runs a journal call with the controls locked; "Saved" only once durable. */
  async run<M extends Method>(action: string, answer: Promise<Answer<M>>): Promise<Answer<M>> {
    this.feedback.busy(true);
    this.feedback.status('Saving…');
    const result = await answer;
    this.feedback.busy(false);
    if (result.ok) {
      this.feedback.error(action, null);
      this.feedback.status(result.saved ? 'Saved' : '');
    } else {
      this.feedback.error(action, result.error);
      this.feedback.status(result.error.code === 'save-failed' ? 'Not saved' : '');
    }
    return result;
  }

  showError(action: string, error: { code: string; message: string } | null): void {
    this.feedback.error(action, error);
  }

  status(text: string): void {
    this.feedback.status(text);
  }

  readonly addCustomTrigger: AddCustomTrigger = async (label) => {
    // Errors show beside the trigger field (details.ts), not in the page's alert.
    const added = await this.client.call('addCustomTrigger', label);
    if (!added.ok) return { error: added.error };
    this.feedback.status(added.saved ? 'Saved' : '');
    const vocabulary = await this.client.call('vocabulary');
    if (!vocabulary.ok) return { error: vocabulary.error };
    this.setVocabulary(vocabulary.result);
    return { id: added.result.id, vocabulary: vocabulary.result };
  };

  /** Called after a flare was logged (the check is offered). */
  onFlareLogged: () => void = () => {};

  flareLogged(): void {
    this.onFlareLogged();
  }

  /** Screens that show the journal listen here; called after every change. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }
}
