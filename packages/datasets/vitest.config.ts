export { default } from '@oversample/vitest-config';
