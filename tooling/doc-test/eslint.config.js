import { nodeApp } from '@oversample/eslint-config';

export default [{ ignores: ['.blocks/**'] }, ...nodeApp];
