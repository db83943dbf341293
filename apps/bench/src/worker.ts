/**
 * A worker process of `--jobs N`: runs the tasks the CLI sends, one at a time, through the same
 * pipeline as `--jobs 1`, and reports events back. Ctrl-C on a terminal reaches every process of
 * the group: the worker then stops at the task's next checkpoint, as the CLI does.
 */
import type { FromWorker, ToWorker } from './worker-protocol';
import { runTask } from './task';

function send(message: FromWorker): void {
  process.send?.(message);
}

let controller = new AbortController();
const abort = (): void => controller.abort(new Error('interrupted (Ctrl-C)'));
process.on('SIGINT', abort);
// The CLI went away (killed, or done): nothing left to do.
process.on('disconnect', () => process.exit(0));

process.on('message', (message: ToWorker) => {
  if (message.type === 'abort') {
    abort();
    return;
  }
  if (controller.signal.aborted) controller = new AbortController();
  runTask(
    message.spec,
    {
      startCell: (label) => send({ type: 'startCell', label }),
      update: (phase, progress) => send({ type: 'update', phase, ...(progress ? { progress } : {}) }),
      endCell: (cell, seconds) => send({ type: 'endCell', cell, seconds }),
      note: (line) => send({ type: 'note', line }),
    },
    controller.signal,
  ).then(
    (outcome) => send({ type: 'done', outcome }),
    (err: unknown) => send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
