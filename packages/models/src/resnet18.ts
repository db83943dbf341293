import { checkInteger } from '@oversample/core';
import * as tf from '@tensorflow/tfjs-core';
import { checkImageLayout } from './image-input';
import type { FitLayout } from './input';
import { batchNorm, conv2d, dense } from './layers';
import { NetworkClassifier } from './network-classifier';
import type { Forward, NetworkOptions } from './network-classifier';
import type { ParamStore } from './param-store';

/** Options of `ResNet18`: the `NetworkOptions` plus the channel width. */
export interface ResNet18Options extends NetworkOptions {
  /** Channels of the first stage (stages use 1x, 2x, 4x, 8x); default 64, the standard ResNet-18. */
  readonly width?: number;
}

type Block = (x: tf.Tensor4D, training: boolean) => tf.Tensor4D;

/** A BasicBlock: two 3x3 conv + BN, with a 1x1 conv + BN shortcut when the shape changes. */
function basicBlock(store: ParamStore, name: string, inChannels: number, outChannels: number, stride: number): Block {
  const conv1 = conv2d(store, `${name}/conv1`, { size: 3, inChannels, outChannels, stride, bias: false });
  const bn1 = batchNorm(store, `${name}/bn1`, outChannels);
  const conv2 = conv2d(store, `${name}/conv2`, { size: 3, inChannels: outChannels, outChannels, bias: false });
  const bn2 = batchNorm(store, `${name}/bn2`, outChannels);
  const project =
    stride !== 1 || inChannels !== outChannels
      ? {
          conv: conv2d(store, `${name}/shortcut`, { size: 1, inChannels, outChannels, stride, bias: false }),
          bn: batchNorm(store, `${name}/shortcut-bn`, outChannels),
        }
      : undefined;
  return (x, training) => {
    const y = bn2(conv2(tf.relu(bn1(conv1(x), training))), training);
    const shortcut = project ? project.bn(project.conv(x), training) : x;
    return tf.relu(tf.add(y, shortcut) as tf.Tensor4D);
  };
}

/**
 * The CIFAR-style ResNet-18 the DeepSMOTE protocol trains: a 3x3 stem conv (no max-pool),
 * four stages of two BasicBlocks with `width`, 2x, 4x, 8x channels (64..512 by default; stages
 * 2-4 halve the resolution), batch norm, global average pooling and a dense softmax output.
 * About 11 M parameters at the default width: meant for a GPU backend. Image size comes from
 * the training set's `shape`.
 *
 * @example
 * const net = new ResNet18({ epochs: 15, optimizer: 'sgd', learningRate: 0.05, weightDecay: 5e-4, seed: 0 });
 * await net.fit(cifarTrain); // shape [32, 32, 3]
 */
export class ResNet18 extends NetworkClassifier {
  /** The `name` of every instance, and the `kind` that `save` writes. */
  static readonly kind = 'resnet18';
  readonly name = ResNet18.kind;
  private readonly width: number;

  constructor(options: ResNet18Options = {}) {
    super('ResNet18', options, ['width']);
    this.width = checkInteger('ResNet18 width', options.width ?? 64, { min: 1 });
  }

  protected checkLayout(layout: FitLayout): void {
    checkImageLayout(layout, 'ResNet18');
  }

  protected build(layout: FitLayout, store: ParamStore): Forward {
    const channels = layout.shape[2]!;
    const w = this.width;
    const stem = conv2d(store, 'stem', { size: 3, inChannels: channels, outChannels: w, bias: false });
    const stemBn = batchNorm(store, 'stem-bn', w);
    const blocks: Block[] = [];
    let inC = w;
    for (const [stage, mult] of [1, 2, 4, 8].entries()) {
      const outC = w * mult;
      blocks.push(basicBlock(store, `stage${stage + 1}/block1`, inC, outC, stage === 0 ? 1 : 2));
      blocks.push(basicBlock(store, `stage${stage + 1}/block2`, outC, outC, 1));
      inC = outC;
    }
    const output = dense(store, 'output', inC, layout.nClasses, 'glorot-uniform');
    return (x, training) => {
      let y = tf.relu(stemBn(stem(x as tf.Tensor4D), training));
      for (const block of blocks) y = block(y, training);
      return output(tf.mean(y, [1, 2]) as tf.Tensor2D);
    };
  }
}
