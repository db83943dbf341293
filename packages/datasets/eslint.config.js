import config from '@oversample/eslint-config';

// src/tables/ holds generated base64 strings (scripts/generate.mjs): nothing to lint there.
export default [{ ignores: ['src/tables/**'] }, ...config];
