export { nodeApp as default } from '@oversample/eslint-config';
