import { loadModel, type ModelLocation } from '@oversample/tf';
import { MLPClassifier } from './mlp';
import { CLASSIFIER_KINDS, NetworkClassifier } from './network-classifier';
import { ResNet18 } from './resnet18';
import { SmallCNN } from './small-cnn';

/**
 * Reads any network classifier written by `save` (`MLPClassifier`, `SmallCNN`, `ResNet18`),
 * choosing the class from the saved kind.
 *
 * @example
 * await cnn.save('out/cnn');
 * const again = await loadClassifier('out/cnn');
 */
export async function loadClassifier(source: ModelLocation): Promise<NetworkClassifier> {
  const model = await loadModel(source, CLASSIFIER_KINDS);
  const Kind = { mlp: MLPClassifier, 'small-cnn': SmallCNN, resnet18: ResNet18 }[model.kind as (typeof CLASSIFIER_KINDS)[number]];
  return NetworkClassifier.fromSaved<NetworkClassifier>(Kind, model);
}
