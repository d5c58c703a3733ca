// The Settings screen: country (emergency and crisis numbers from the core),
// time zone, export (the core's JSON and CSV, downloaded as files), import
// (a JSON export; the core's result or error is shown), and deleting all
// data on this device.
import type { App } from './app';
import { download, h } from './dom';
import { savePrefs, systemTimeZone } from './prefs';
import { dateInZone } from './time';

// ISO 3166-1 alpha-2 codes; names come from the browser (Intl.DisplayNames).
const kCountries =
  'AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HK HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MO MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PR PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VN VU WS YE ZA ZM ZW'.split(
    ' ',
  );

/** Leaves the page to delete everything: see main.ts (the worker must stop first). */
export type WipeAll = () => Promise<void>;

export class SettingsScreen {
  constructor(
    private readonly app: App,
    root: HTMLElement,
    private readonly onNumbers: (emergency: string) => void,
    wipe: WipeAll,
  ) {
    const country = root.querySelector('select.country') as HTMLSelectElement;
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames(undefined, { type: 'region' });
    } catch {
      names = null;
    }
    const codes = kCountries.includes(app.prefs.country) ? kCountries : [...kCountries, app.prefs.country];
    country.replaceChildren(
      ...codes
        .map((code) => ({ code, name: names?.of(code) ?? code }))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(({ code, name }) => h('option', { value: code, selected: code === app.prefs.country }, name)),
    );
    country.addEventListener('change', () => {
      app.prefs.country = country.value;
      savePrefs(app.prefs);
      void this.showNumbers(root);
    });
    void this.showNumbers(root);

    const zone = root.querySelector('select.time-zone') as HTMLSelectElement;
    let zones: string[] = [];
    try {
      zones = (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone');
    } catch {
      zones = [];
    }
    for (const extra of [systemTimeZone(), app.prefs.timeZone, 'UTC']) if (!zones.includes(extra)) zones.push(extra);
    zone.replaceChildren(...zones.map((z) => h('option', { value: z, selected: z === app.prefs.timeZone }, z.replaceAll('_', ' '))));
    zone.addEventListener('change', () => {
      app.prefs.timeZone = zone.value;
      savePrefs(app.prefs);
      app.changed();
    });

    const result = root.querySelector('.data-result') as HTMLParagraphElement;
    const today = () => dateInZone(new Date(), app.prefs.timeZone);
    root.querySelector('button.export-json')!.addEventListener('click', () => {
      void app.client.call('exportJson').then((answer) => {
        if (!answer.ok) return app.showError('Could not export', answer.error);
        download(`unknot-journal-${today()}.json`, 'application/json', answer.result.text);
        result.textContent = 'Exported your journal as JSON.';
      });
    });
    root.querySelector('button.export-csv')!.addEventListener('click', () => {
      void app.client.call('exportCsv').then((answer) => {
        if (!answer.ok) return app.showError('Could not export', answer.error);
        download(`unknot-journal-${today()}.csv`, 'text/csv', answer.result.csv);
        result.textContent = 'Exported your journal as CSV.';
      });
    });
    const file = root.querySelector('input.import-file') as HTMLInputElement;
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      void chosen.text().then(async (text) => {
        const answer = await app.run('Could not import', app.client.call('importJson', text));
        file.value = '';
        if (!answer.ok) {
          result.textContent = `Nothing imported: ${answer.error.message} (${answer.error.code})`;
          return;
        }
        const { entries, cells_applied: cells } = answer.result;
        result.textContent = `Imported ${entries} entr${entries === 1 ? 'y' : 'ies'} (${cells} change${cells === 1 ? '' : 's'} applied).`;
        const vocabulary = await app.client.call('vocabulary');
        if (vocabulary.ok) app.setVocabulary(vocabulary.result);
        app.changed();
      });
    });

    const dialog = root.querySelector('dialog.confirm-wipe') as HTMLDialogElement;
    root.querySelector('button.wipe')!.addEventListener('click', () => dialog.showModal());
    dialog.querySelector('button.cancel')!.addEventListener('click', () => dialog.close());
    dialog.querySelector('button.confirm')!.addEventListener('click', () => {
      dialog.close();
      app.status('Deleting…');
      void wipe();
    });
  }

  private async showNumbers(root: HTMLElement): Promise<void> {
    const answer = await this.app.client.call('emergencyNumbers', this.app.prefs.country);
    if (!answer.ok) return this.app.showError('Could not look up the numbers', answer.error);
    root.querySelector('.emergency')!.textContent = answer.result.emergency;
    root.querySelector('.crisis')!.textContent = answer.result.crisis_line;
    this.onNumbers(answer.result.emergency);
  }
}
