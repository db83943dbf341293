/**
 * Beta(10, 10) from two gamma draws; shape 10 is an integer, so each gamma is minus the log of a
 * product of 10 uniforms.
 */
export function beta10(rng: { uniform(): number }): number {
  const gamma = (): number => {
    let s = 0;
    for (let i = 0; i < 10; i++) s -= Math.log(1 - rng.uniform());
    return s;
  };
  const a = gamma();
  return a / (a + gamma());
}
