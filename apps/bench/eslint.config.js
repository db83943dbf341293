export { default } from '@oversample/eslint-config';
