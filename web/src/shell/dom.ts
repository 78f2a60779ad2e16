/** A few DOM helpers; no framework. */

export type Child = Node | string | number | null | undefined | false | Child[];
export type Props = Record<string, unknown>;

/**
 * Creates an element. Props: `class`, `text`, `html` (trusted static markup only),
 * `on<Event>` functions, booleans toggle attributes, everything else is setAttribute.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props) {
    for (const [name, value] of Object.entries(props)) {
      if (value == null || value === false) continue;
      if (name === 'class') element.className = String(value);
      else if (name === 'text') element.textContent = String(value);
      else if (name === 'html') element.innerHTML = String(value);
      else if (name.startsWith('on') && typeof value === 'function') {
        element.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
      } else if (value === true) element.setAttribute(name, '');
      else element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces all children of `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** An inline SVG icon from the static set in icons.ts. */
export function icon(markup: string, className = 'icon'): HTMLSpanElement {
  return h('span', { class: className, 'aria-hidden': 'true', html: markup });
}
