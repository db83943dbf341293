import { FileFormatError, describeValue } from '@oversample/core';
import { MLPClassifier } from './mlp';
import { readSavedKind } from './network-classifier';
import type { NetworkClassifier } from './network-classifier';
import { ResNet18 } from './resnet18';
import { SmallCNN } from './small-cnn';

/**
 * Reads any network classifier written by `save` (`MLPClassifier`, `SmallCNN`, `ResNet18`),
 * choosing the class from the saved `kind`.
 *
 * @example
 * await cnn.save('out/cnn');
 * const again = await loadClassifier('out/cnn');
 */
export async function loadClassifier(dir: string): Promise<NetworkClassifier> {
  const kind = await readSavedKind(dir);
  switch (kind) {
    case 'mlp':
      return MLPClassifier.load(dir);
    case 'small-cnn':
      return SmallCNN.load(dir);
    case 'resnet18':
      return ResNet18.load(dir);
    default:
      throw new FileFormatError(dir, `holds a classifier of kind ${describeValue(kind)}; known kinds: mlp, small-cnn, resnet18`);
  }
}
