// The "Getting help" page (#help): the professional options and when to use
// which level of care, rendered from content/help.ts, with the emergency and
// crisis numbers of the user's country (from the core) and the disclaimers.
import { kHelpIntro, kTreatments, kWhatToSay, kWhenToSeek, type HelpSection } from '../content/help';
import type { EmergencyNumbers } from '../rpc';
import { h } from './dom';
import { kDisclaimers, telUri } from './triage_words';

function section(item: HelpSection, level: 'h3' | 'h4'): HTMLElement {
  return h(
    'section',
    { class: 'help-section', 'data-help': item.id, 'aria-labelledby': `help-${item.id}` },
    h(level, { id: `help-${item.id}` }, item.title),
    ...item.paragraphs.map((text) => h('p', {}, text)),
    item.points ? h('ul', {}, ...item.points.map((text) => h('li', {}, text))) : null,
    h('p', { class: 'hint' }, `Source: ${item.source}`),
  );
}

function number(text: string): HTMLElement {
  const uri = telUri(text);
  return uri ? h('a', { href: uri }, text) : h('span', {}, text);
}

export function renderHelp(root: HTMLElement, numbers: EmergencyNumbers): void {
  root.replaceChildren(
    h('p', {}, kHelpIntro),
    h(
      'dl',
      { class: 'numbers' },
      h('dt', {}, 'Emergency number'),
      h('dd', {}, number(numbers.emergency)),
      h('dt', {}, 'Crisis line'),
      h('dd', {}, number(numbers.crisis_line)),
    ),
    section(kWhenToSeek, 'h3'),
    h('h3', {}, 'Professional treatments'),
    ...kTreatments.map((item) => section(item, 'h4')),
    section(kWhatToSay, 'h3'),
    h('div', { class: 'advice-disclaimer' }, ...kDisclaimers.map((text) => h('p', {}, text))),
  );
}
