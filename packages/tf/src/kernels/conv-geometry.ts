import { backend_util, type NamedAttrMap } from '@tensorflow/tfjs-core';

/** The geometry of a 2-D convolution that the im2col/col2im kernels need (NHWC). */
export interface ConvGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padLeft: number;
}

/**
 * Resolves a conv's attributes (strides, `pad` as 'same' | 'valid' | number | explicit,
 * rounding) exactly as tfjs-core does, or `undefined` for what these kernels do not handle
 * (channels-first or dilated), so the caller can fall back to the backend's own kernel.
 */
export function convGeometry(
  inShape: number[],
  filterShape: number[],
  attrs: NamedAttrMap,
): ConvGeometry | undefined {
  const dataFormat = attrs['dataFormat'];
  if (dataFormat !== undefined && dataFormat !== 'NHWC') return undefined;
  const dilations = attrs['dilations'] as number | number[] | undefined;
  if (dilations !== undefined && (Array.isArray(dilations) ? dilations.some((d) => d !== 1) : dilations !== 1)) return undefined;
  const info = backend_util.computeConv2DInfo(
    inShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs['strides'] as number | [number, number],
    1,
    attrs['pad'] as Parameters<typeof backend_util.computeConv2DInfo>[4],
    attrs['dimRoundingMode'] as 'floor' | 'round' | 'ceil' | undefined,
    false,
    'channelsLast',
  );
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}
