// Bundle 3 of the browser test page: bundled KEEL tables from @oversample/datasets, each table a
// chunk of its own that the page fetches only when asked for.
import { datasetsScenario } from '../scenarios';
import { publish, show } from './report';

async function main(): Promise<void> {
  const started = performance.now();
  const result = await datasetsScenario();
  const seconds = (performance.now() - started) / 1000;
  show('@oversample/datasets', [
    `${result.listed} tables listed; loaded in ${seconds.toFixed(2)} s:`,
    ...result.tables.map((t) => `${t.name} (${t.encoding}): ${t.rows} rows x ${t.shape.join(' x ')}, classes ${t.classes.join(' / ')}, ${t.categorical} categorical column(s)`),
    `${result.unknown.label}: ${result.unknown.name} — ${result.unknown.message}`,
  ]);
  publish('tables', { ...result, seconds });
}

main().catch((error: unknown) => publish('tables', { failure: String((error as Error).stack ?? error) }));
