// Pixel statistics of 28x28 grey images in [0, 1], to measure (not argue about) what the decoder
// does to digits: checkerboard artifacts, blur, speckled background. Each is a mean over images.
//
// - nyquist: |sum x_ij (-1)^(i+j)| / sum x_ij, the share of an image's mass in the pure
//   checkerboard pattern (what uneven overlap of stride-2 transposed convolutions would add);
// - hh: mean square of the 2x2 Haar diagonal detail ((a - b - c + d) / 2 over aligned blocks), the
//   finest diagonal detail: a checkerboard raises it, blur lowers it;
// - gradient: mean |x_ij - x_i(j+1)| + |x_ij - x_(i+1)j| / 2, edge sharpness;
// - grey: share of pixels strictly between 0.1 and 0.9 (blur widens the grey rim of strokes);
// - background: mean value of the pixels that are below 0.05 in the mean of the real images of
//   the class set given as `background` (speckle where real digits have none).

const SIDE = 28;
const SIZE = SIDE * SIDE;

/** Which pixels are background: below 0.05 in the mean of `images` (a Float32Array of 784-pixel rows). */
export function backgroundMask(images) {
  const n = images.length / SIZE;
  const mean = new Float64Array(SIZE);
  for (let r = 0; r < n; r++) for (let j = 0; j < SIZE; j++) mean[j] += images[r * SIZE + j] / n;
  return Uint8Array.from(mean, (v) => (v < 0.05 ? 1 : 0));
}

/** The statistics above for `images` (784 values per row, in [0, 1]); `mask` from {@link backgroundMask}. */
export function imageStats(images, mask) {
  const n = images.length / SIZE;
  let nyquist = 0;
  let hh = 0;
  let gradient = 0;
  let grey = 0;
  let background = 0;
  let maskCount = 0;
  for (let j = 0; j < SIZE; j++) maskCount += mask[j];
  for (let r = 0; r < n; r++) {
    const o = r * SIZE;
    const at = (i, j) => images[o + i * SIDE + j];
    let alternating = 0;
    let mass = 0;
    let bg = 0;
    for (let i = 0; i < SIDE; i++) {
      for (let j = 0; j < SIDE; j++) {
        const v = at(i, j);
        alternating += (i + j) % 2 === 0 ? v : -v;
        mass += v;
        if (v > 0.1 && v < 0.9) grey += 1 / (SIZE * n);
        if (mask[i * SIDE + j]) bg += v;
        if (j + 1 < SIDE) gradient += Math.abs(v - at(i, j + 1)) / (2 * SIDE * (SIDE - 1) * n);
        if (i + 1 < SIDE) gradient += Math.abs(v - at(i + 1, j)) / (2 * SIDE * (SIDE - 1) * n);
      }
    }
    for (let i = 0; i < SIDE; i += 2) {
      for (let j = 0; j < SIDE; j += 2) {
        const d = (at(i, j) - at(i, j + 1) - at(i + 1, j) + at(i + 1, j + 1)) / 2;
        hh += (d * d) / ((SIZE / 4) * n);
      }
    }
    nyquist += (mass > 0 ? Math.abs(alternating) / mass : 0) / n;
    background += (maskCount > 0 ? bg / maskCount : 0) / n;
  }
  return { nyquist, hh, gradient, grey, background };
}
