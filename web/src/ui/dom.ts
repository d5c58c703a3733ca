// Small DOM helpers for the page's screens (no framework).

type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Creates an HTML element with attributes (false/null/undefined: absent) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttrs(element, attrs);
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

const kSvgNs = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes and children. */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined | false)[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(kSvgNs, tag);
  setAttrs(element, attrs);
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

function setAttrs(element: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no #${id}`);
  return element as T;
}

let nextId = 0;
/** A document-unique id for label/for pairs. */
export function uid(prefix: string): string {
  return `${prefix}-${++nextId}`;
}

/** A labelled 0–10 slider with its value shown beside the label. */
export function slider(label: string, value: number, onInput?: (value: number) => void): HTMLDivElement {
  const id = uid('slider');
  const input = h('input', { type: 'range', id, min: 0, max: 10, step: 1, value });
  const output = h('output', { for: id, 'aria-hidden': 'true' }, String(value));
  const sync = () => {
    output.value = input.value;
    input.setAttribute('aria-valuetext', `${input.value} out of 10`);
  };
  input.addEventListener('input', () => {
    sync();
    onInput?.(input.valueAsNumber);
  });
  sync();
  return h('div', { class: 'field slider' }, h('div', { class: 'label-row' }, h('label', { for: id }, label), output), input);
}

/** Triggers a download of `text` as a file. */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
