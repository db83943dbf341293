import { OptionError, checkInteger, describeValue } from '@oversample/core';

/** Which network an input shape selects. */
export type ArchitectureKind = 'conv28' | 'conv32' | 'dense';

/** What fixes a network: the shape of one sample and the two width knobs. */
export interface NetworkConfig {
  /** One sample's shape: `[28, 28, c]` or `[32, 32, c]` (convolutional) or `[d]` (dense). */
  readonly inputShape: readonly number[];
  /** Base width: conv channels are dimH, 2dimH, 4dimH, 8dimH; dense hidden layers have dimH units. */
  readonly dimH: number;
  /** Size of the code (DeepSMOTE's n_z). */
  readonly latentDim: number;
}

/** One layer of a network, as data: the forward pass interprets a list of these. */
export type LayerSpec =
  | {
      readonly type: 'conv';
      readonly name: string;
      readonly inChannels: number;
      readonly outChannels: number;
      readonly kernel: number;
      readonly stride: number;
      readonly pad: number;
    }
  | {
      readonly type: 'convTranspose';
      readonly name: string;
      readonly inChannels: number;
      readonly outChannels: number;
      readonly kernel: number;
      readonly stride: number;
      readonly pad: number;
      /** Spatial output size (square). */
      readonly outSize: number;
    }
  | { readonly type: 'dense'; readonly name: string; readonly inUnits: number; readonly outUnits: number }
  | { readonly type: 'batchNorm'; readonly name: string; readonly channels: number }
  | { readonly type: 'leakyRelu' | 'relu' | 'tanh' }
  | { readonly type: 'reshape'; readonly shape: readonly number[] };

/** A network as two layer lists. */
export interface Architecture {
  readonly kind: ArchitectureKind;
  readonly encoder: readonly LayerSpec[];
  readonly decoder: readonly LayerSpec[];
}

/** Picks the architecture an input shape calls for, or throws an `OptionError` saying which shapes work. */
export function architectureKind(inputShape: readonly number[]): ArchitectureKind {
  const s = inputShape;
  if (s.length === 1 && Number.isInteger(s[0]) && s[0]! >= 1) return 'dense';
  if (s.length === 3 && s.every((v) => Number.isInteger(v) && v >= 1)) {
    if (s[0] === 28 && s[1] === 28) return 'conv28';
    if (s[0] === 32 && s[1] === 32) return 'conv32';
  }
  throw new OptionError(
    `no autoencoder for input shape ${describeValue(s)}: use [28, 28, c] or [32, 32, c] images, or [d] table rows`,
  );
}

/** The four k4 s2 p1 convolutions both image encoders share (DeepSMOTE's `Encoder.conv`). */
function convEncoder(channels: number, h: number): LayerSpec[] {
  const conv = (name: string, inC: number, outC: number): LayerSpec => ({
    type: 'conv',
    name,
    inChannels: inC,
    outChannels: outC,
    kernel: 4,
    stride: 2,
    pad: 1,
  });
  return [
    conv('enc.conv1', channels, h),
    { type: 'leakyRelu' },
    conv('enc.conv2', h, 2 * h),
    { type: 'batchNorm', name: 'enc.bn2', channels: 2 * h },
    { type: 'leakyRelu' },
    conv('enc.conv3', 2 * h, 4 * h),
    { type: 'batchNorm', name: 'enc.bn3', channels: 4 * h },
    { type: 'leakyRelu' },
    conv('enc.conv4', 4 * h, 8 * h),
    { type: 'batchNorm', name: 'enc.bn4', channels: 8 * h },
    { type: 'leakyRelu' },
  ];
}

/**
 * The layer lists for a configuration, following docs/algorithms.md:
 * - `[28, 28, c]`: the authors' MNIST code (28 -> 14 -> 7 -> 3 -> 1; dense 8dimH -> n_z; dense
 *   n_z -> 8dimH x 7 x 7, convT k4 s1 to 10 and 13, convT k4 s2 to 28, tanh);
 * - `[32, 32, c]`: 32 -> 16 -> 8 -> 4 -> 2, dense 2 x 2 x 8dimH -> n_z; dense n_z -> 8dimH x 4 x 4,
 *   convT k4 s2 p1 to 8, 16, 32 (ours: no code was released);
 * - `[d]`: (ours) d -> dimH -> dimH -> n_z (LeakyReLU 0.2) and n_z -> dimH -> dimH -> d (ReLU, tanh).
 */
export function buildArchitecture(config: NetworkConfig): Architecture {
  const kind = architectureKind(config.inputShape);
  const h = checkInteger('dimH', config.dimH, { min: 1 });
  const nz = checkInteger('latentDim', config.latentDim, { min: 1 });
  if (kind === 'dense') {
    const d = config.inputShape[0]!;
    return {
      kind,
      encoder: [
        { type: 'dense', name: 'enc.fc1', inUnits: d, outUnits: h },
        { type: 'leakyRelu' },
        { type: 'dense', name: 'enc.fc2', inUnits: h, outUnits: h },
        { type: 'leakyRelu' },
        { type: 'dense', name: 'enc.fc3', inUnits: h, outUnits: nz },
      ],
      decoder: [
        { type: 'dense', name: 'dec.fc1', inUnits: nz, outUnits: h },
        { type: 'relu' },
        { type: 'dense', name: 'dec.fc2', inUnits: h, outUnits: h },
        { type: 'relu' },
        { type: 'dense', name: 'dec.fc3', inUnits: h, outUnits: d },
        { type: 'tanh' },
      ],
    };
  }
  const c = config.inputShape[2]!;
  const convT = (name: string, inC: number, outC: number, stride: number, pad: number, outSize: number): LayerSpec => ({
    type: 'convTranspose',
    name,
    inChannels: inC,
    outChannels: outC,
    kernel: 4,
    stride,
    pad,
    outSize,
  });
  if (kind === 'conv28') {
    return {
      kind,
      encoder: [
        ...convEncoder(c, h),
        { type: 'reshape', shape: [8 * h] },
        { type: 'dense', name: 'enc.fc', inUnits: 8 * h, outUnits: nz },
      ],
      decoder: [
        { type: 'dense', name: 'dec.fc', inUnits: nz, outUnits: 8 * h * 7 * 7 },
        { type: 'relu' },
        { type: 'reshape', shape: [7, 7, 8 * h] },
        convT('dec.deconv1', 8 * h, 4 * h, 1, 0, 10),
        { type: 'batchNorm', name: 'dec.bn1', channels: 4 * h },
        { type: 'relu' },
        convT('dec.deconv2', 4 * h, 2 * h, 1, 0, 13),
        { type: 'batchNorm', name: 'dec.bn2', channels: 2 * h },
        { type: 'relu' },
        convT('dec.deconv3', 2 * h, c, 2, 0, 28),
        { type: 'tanh' },
      ],
    };
  }
  return {
    kind,
    encoder: [
      ...convEncoder(c, h),
      { type: 'reshape', shape: [2 * 2 * 8 * h] },
      { type: 'dense', name: 'enc.fc', inUnits: 2 * 2 * 8 * h, outUnits: nz },
    ],
    decoder: [
      { type: 'dense', name: 'dec.fc', inUnits: nz, outUnits: 8 * h * 4 * 4 },
      { type: 'relu' },
      { type: 'reshape', shape: [4, 4, 8 * h] },
      convT('dec.deconv1', 8 * h, 4 * h, 2, 1, 8),
      { type: 'batchNorm', name: 'dec.bn1', channels: 4 * h },
      { type: 'relu' },
      convT('dec.deconv2', 4 * h, 2 * h, 2, 1, 16),
      { type: 'batchNorm', name: 'dec.bn2', channels: 2 * h },
      { type: 'relu' },
      convT('dec.deconv3', 2 * h, c, 2, 1, 32),
      { type: 'tanh' },
    ],
  };
}
