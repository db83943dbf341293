/**
 * The k-NN worker: bundled by the build into one script (a string in the package, see
 * `worker-source-plugin.ts`), started by the platform's spawner, which defines
 * `globalThis.__oversampleKnnPort` first. It opens scans, runs the units it is handed and
 * hands back what they found.
 */
import { openScan, type ScanWork } from './scan-task';
import { transferList, type FromWorker, type ToWorker } from './worker-protocol';

/** The worker's side of the channel, as the spawner's prelude defines it. */
export interface ParentPort {
  post(message: FromWorker, transfer: ArrayBuffer[]): void;
  listen(onMessage: (message: ToWorker) => void): void;
}

/** Handles the messages of one worker (exported for tests, which drive it in-process). */
export function serve(port: ParentPort): void {
  const scans = new Map<number, ScanWork>();
  port.listen((message) => {
    try {
      switch (message.type) {
        case 'open':
          scans.set(message.job, openScan(message.task));
          break;
        case 'run': {
          const scan = scans.get(message.job);
          // A closed (aborted) scan's late runs are answered with nothing.
          if (!scan) {
            port.post({ type: 'done', job: message.job, part: undefined, ms: 0 }, []);
            break;
          }
          const t0 = performance.now();
          const g = scan.run(message.from, message.to);
          let r = g.next();
          while (!r.done) r = g.next();
          port.post({ type: 'done', job: message.job, part: r.value, ms: performance.now() - t0 }, transferList(r.value));
          break;
        }
        case 'collect': {
          const part = scans.get(message.job)?.collect();
          scans.delete(message.job);
          port.post({ type: 'collected', job: message.job, part }, transferList(part));
          break;
        }
        case 'close':
          scans.delete(message.job);
          break;
      }
    } catch (e) {
      scans.delete(message.job);
      port.post({ type: 'error', job: message.job, message: e instanceof Error ? e.message : String(e) }, []);
    }
  });
  port.post({ type: 'ready' }, []);
}

const port = (globalThis as { __oversampleKnnPort?: ParentPort }).__oversampleKnnPort;
if (port) serve(port);
