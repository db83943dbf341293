/**
 * A form generated from an option schema of the benchmark's registry: one field per option,
 * its description as help text, its default as the placeholder. A value is checked against the
 * schema as it is typed; a bad one shows the `OptionError` text under its field and is not used.
 */
import { el } from './dom';
import type { OptionSchema, OptionSpec, OptionValues } from '@oversample/bench/registry';
import { acceptsText, checkOptionValue, parseOptionText } from '@oversample/bench/registry';
import { optionText } from './state';

/** Where the form sends the options the user set (keys left at their default are absent). */
export type OptionsChange = (values: OptionValues) => void;

function defaultOf(spec: OptionSpec): unknown {
  return 'default' in spec ? spec.default : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Builds the form. `what` prefixes messages and field names (e.g. `smote`); `values` are the
 * user's current settings. `onChange` receives the whole new set after each valid edit.
 */
export function optionForm(what: string, schema: OptionSchema, values: OptionValues, onChange: OptionsChange): HTMLElement {
  const current: Record<string, unknown> = { ...values };
  const form = el('div', { class: 'option-form' });
  const entries = Object.entries(schema);
  if (entries.length === 0) form.append(el('p', { class: 'muted' }, 'no options'));
  for (const [key, spec] of entries) {
    const id = `${what}-${key}`.replace(/[^\w-]/g, '_');
    const message = el('div', { class: 'field-error', role: 'alert' });
    const fallback = defaultOf(spec);
    const commit = (raw: unknown, input: HTMLElement): void => {
      try {
        if (raw === undefined) {
          delete current[key];
        } else {
          const value = checkOptionValue(`${what}.${key}`, spec, raw);
          if (fallback !== undefined && sameValue(value, fallback)) delete current[key];
          else current[key] = value;
        }
        message.textContent = '';
        input.removeAttribute('aria-invalid');
        onChange({ ...current });
      } catch (err) {
        message.textContent = (err as Error).message;
        input.setAttribute('aria-invalid', 'true');
      }
    };
    let input: HTMLInputElement | HTMLSelectElement;
    const given = current[key];
    if (spec.kind === 'boolean') {
      const box = el('input', { type: 'checkbox', id, name: id });
      box.checked = given === undefined ? fallback === true : given === true;
      box.addEventListener('change', () => commit(box.checked, box));
      input = box;
    } else if (spec.kind === 'enum') {
      const select = el('select', { id, name: id }, ...spec.values.map((v) => el('option', { value: v }, v)));
      select.value = String(given ?? fallback ?? spec.values[0]);
      select.addEventListener('change', () => commit(select.value, select));
      input = select;
    } else {
      const numeric = spec.kind === 'integer' || spec.kind === 'number';
      const box = el('input', {
        type: numeric ? 'number' : 'text',
        id,
        name: id,
        placeholder: fallback === undefined ? '(library default)' : optionText(fallback),
        ...(numeric && 'min' in spec && spec.min !== undefined ? { min: String(spec.min) } : {}),
        ...(numeric && 'max' in spec && spec.max !== undefined ? { max: String(spec.max) } : {}),
        ...(numeric ? { step: spec.kind === 'integer' ? '1' : 'any' } : {}),
      });
      box.value = given === undefined ? '' : optionText(given);
      box.addEventListener('change', () => {
        const text = box.value.trim();
        try {
          commit(text === '' ? undefined : parseOptionText(`${what}.${key}`, spec, text), box);
        } catch (err) {
          message.textContent = (err as Error).message;
          box.setAttribute('aria-invalid', 'true');
        }
      });
      input = box;
    }
    input.title = `${spec.description} Accepts ${acceptsText(spec)}.`;
    form.append(
      el(
        'div',
        { class: 'field' },
        el('label', { for: id }, key),
        input,
        el('div', { class: 'field-help' }, spec.description),
        message,
      ),
    );
  }
  return form;
}
