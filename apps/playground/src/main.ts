/**
 * The playground's entry: reads the page state from the URL, mounts the view it names, and
 * writes every change back to the URL (replaceState, so Back leaves the page as usual).
 */
import './style.css';
import { el } from './dom';
import { ImagesView } from './images-view';
import type { PageState } from './state';
import { formatState, parseState } from './state';
import { TablesView } from './tables-view';

const parsed = parseState(location.search);
let state: PageState = parsed.state;

function commit(next: PageState): void {
  state = next;
  const query = formatState(state);
  if (query !== location.search) history.replaceState(null, '', `${location.pathname}${query}${location.hash}`);
}

const main = el('main', { id: 'view' });
const tabs = el('nav', { class: 'tabs', 'aria-label': 'views' });
const problems = el('div', { class: 'problems', role: 'status' }, ...parsed.problems.map((p) => el('p', {}, p)));
document.body.append(
  el(
    'header',
    {},
    el('h1', {}, 'oversample playground'),
    el('p', { class: 'muted' }, 'See where each oversampler puts its new rows and what that does to a classifier; train DeepSMOTE on digits. Everything runs in this page.'),
    tabs,
  ),
  problems,
  main,
);

let tables: TablesView | undefined;
let images: ImagesView | undefined;

function show(view: PageState['view']): void {
  commit({ ...state, view });
  tabs.replaceChildren(
    ...(['tables', 'images'] as const).map((v) => {
      const b = el('button', { type: 'button', id: `tab-${v}`, 'aria-pressed': String(v === view) }, v === 'tables' ? 'Tables and toy data' : 'Images: DeepSMOTE');
      b.addEventListener('click', () => show(v));
      return b;
    }),
  );
  images?.stop();
  images = undefined;
  tables = undefined;
  if (view === 'tables') tables = new TablesView(main, state.tables, (t) => commit({ ...state, tables: t }));
  else images = new ImagesView(main, state.images, (i) => commit({ ...state, images: i }));
}

show(state.view);
addEventListener('popstate', () => {
  state = parseState(location.search).state;
  if (state.view === 'tables' && tables) tables.update(state.tables);
  else show(state.view);
});
document.body.dataset['ready'] = 'true';

// The built site keeps itself for offline use (sw.js comes from vite.config.ts; not in dev).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('./sw.js').catch((err: unknown) => console.warn('offline copy unavailable:', err));
}
