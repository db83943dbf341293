import type { Dataset } from '@oversample/core';
import { FileFormatError, OptionError, checkKnownOptions, checkOneOf, describeValue, joinPath, pathExists } from '@oversample/core';
import type { Split } from './idx';
import { checkPixelScale, writePixels } from './pixel-scale';
import type { PixelScale } from './pixel-scale';
import { readBytes, readText } from './read-file';

/** Options of `loadCifar10`. */
export interface Cifar10Options {
  /** `'train'` (data_batch_1..5.bin, 50,000 rows, the default) or `'test'` (test_batch.bin, 10,000). */
  readonly split?: Split;
  /** Pixel scaling; default `'raw'` (0..255). */
  readonly scale?: PixelScale;
}

const SIDE = 32;
const PLANE = SIDE * SIDE;
const RECORD = 1 + 3 * PLANE;
const CIFAR10_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/** The directory that holds the batches: `dir` itself or the `cifar-10-batches-bin` the archive unpacks to. */
async function batchDir(dir: string): Promise<string> {
  if ((await pathExists(joinPath(dir, 'test_batch.bin'))) || (await pathExists(joinPath(dir, 'data_batch_1.bin')))) return dir;
  const inner = joinPath(dir, 'cifar-10-batches-bin');
  return (await pathExists(inner)) ? inner : dir;
}

async function classNamesFrom(dir: string): Promise<string[]> {
  const meta = joinPath(dir, 'batches.meta.txt');
  if (!(await pathExists(meta))) return [...CIFAR10_CLASSES];
  // readText refuses a directory, a FIFO or a device with a FileFormatError naming the path.
  const names = (await readText(meta))
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) throw new FileFormatError(meta, 'holds no class names (one per line expected)');
  return names;
}

/**
 * CIFAR-10 from its binary version (`cifar-10-binary.tar.gz` unpacked): `dir` holds
 * `data_batch_1.bin`..`data_batch_5.bin` and `test_batch.bin` (or their `cifar-10-batches-bin`
 * folder). Each record is one label byte and 3,072 pixel bytes stored channel-first (1,024 red,
 * then green, then blue); rows come out channels-last, shape `[32, 32, 3]`. Class names come from
 * `batches.meta.txt` when present, else CIFAR-10's published list. Pixels 0..255 unless `scale`
 * is given. Throws `FileFormatError` for a missing batch, a size that is not whole records, or a
 * label without a class name.
 *
 * @example
 * const test = await loadCifar10('/data/cifar-10-batches-bin', { split: 'test', scale: 'unit' });
 */
export async function loadCifar10(dir: string, options: Cifar10Options = {}): Promise<Dataset> {
  if (typeof dir !== 'string' || dir === '') {
    throw new OptionError(`loadCifar10 needs the directory holding the .bin batches, got ${describeValue(dir)}`);
  }
  checkKnownOptions('loadCifar10', options, ['split', 'scale']);
  const split = options.split === undefined ? 'train' : checkOneOf('split', options.split, ['train', 'test'] as const);
  const scale = checkPixelScale(options.scale);
  const root = await batchDir(dir);
  const names = split === 'train' ? [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`) : ['test_batch.bin'];
  const files = names.map((name) => joinPath(root, name));
  const classNames = await classNamesFrom(root);
  const batches = await Promise.all(files.map((file) => readBytes(file)));
  let n = 0;
  for (const [i, bytes] of batches.entries()) {
    if (bytes.length === 0 || bytes.length % RECORD !== 0) {
      throw new FileFormatError(
        files[i]!,
        `is ${bytes.length} bytes, not a whole number of ${RECORD}-byte CIFAR-10 records (1 label + 3 x 32 x 32 pixels): truncated, or not the binary version`,
      );
    }
    n += bytes.length / RECORD;
  }
  const x = new Float32Array(n * 3 * PLANE);
  const y = new Int32Array(n);
  const hwc = new Uint8Array(3 * PLANE);
  let row = 0;
  for (const [i, bytes] of batches.entries()) {
    for (let off = 0; off < bytes.length; off += RECORD, row++) {
      const label = bytes[off]!;
      if (label >= classNames.length) {
        throw new FileFormatError(files[i]!, `record ${off / RECORD} has label ${label}, but there are ${classNames.length} classes`);
      }
      y[row] = label;
      // CHW -> HWC through one reused buffer, then one scaled copy.
      const base = off + 1;
      for (let p = 0; p < PLANE; p++) {
        const q = 3 * p;
        hwc[q] = bytes[base + p]!;
        hwc[q + 1] = bytes[base + PLANE + p]!;
        hwc[q + 2] = bytes[base + 2 * PLANE + p]!;
      }
      writePixels(x, row * 3 * PLANE, hwc, scale);
    }
  }
  return { x, y, shape: [SIDE, SIDE, 3], classNames };
}
