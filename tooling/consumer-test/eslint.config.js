import { nodeApp } from '@oversample/eslint-config';

// fixture/: the consumer's own scripts, run from the packed tarballs.
export default [{ ignores: ['fixture/**'] }, ...nodeApp];
