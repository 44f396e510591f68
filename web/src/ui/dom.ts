//! A few DOM helpers: elements from tag, attributes and children; labelled form controls.

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | ((event: Event) => void) | undefined>;

/** An element with `attrs` (`on…` keys are listeners; `true` sets a bare attribute). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(key, '');
    else element.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

let ids = 0;

/** A control with its visible label (so screen readers and tests find it by name). */
export function labelled(text: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): HTMLLabelElement {
  const id = control.id || `field-${++ids}`;
  control.id = id;
  return h('label', { for: id, class: 'field' }, h('span', {}, text), control);
}

/** A select of `options` (value, text). */
export function select(options: [string, string][], value?: string): HTMLSelectElement {
  const element = h('select', {}, ...options.map(([v, text]) => h('option', { value: v }, text)));
  if (value !== undefined) element.value = value;
  return element;
}

/** Replaces the children of `parent`. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
}

/** A section with a heading. */
export function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { 'aria-label': title }, h('h2', {}, title), ...children);
}
