import { describeValue, SamplerInputError } from '@oversample/core';
import type { FitLayout } from './input';

/** Throws unless rows are images `[h, w, c]`, naming the classifier and the shape it got. */
export function checkImageLayout(layout: FitLayout, context: string): void {
  if (layout.shape.length !== 3) {
    throw new SamplerInputError(
      `${context}: needs images with dataset.shape [height, width, channels], got ${describeValue(layout.shape)} ` +
        '(reshape flat rows, e.g. [784] -> [28, 28, 1])',
    );
  }
}
