/**
 * The one DOM helper the views share: an element with attributes and children, typed by tag.
 * (The page is small enough that a framework would weigh more than it saves.)
 */

/** Something `el` can put inside an element. */
export type Child = Node | string | number | null | undefined | false;

/**
 * `document.createElement(tag)` with attributes set and children appended (strings become text
 * nodes; `null`, `undefined` and `false` are skipped).
 *
 * @example
 * el('label', { for: 'seed' }, 'seed ', el('input', { id: 'seed', type: 'number' }))
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'number' ? String(child) : child);
  }
  return node;
}
