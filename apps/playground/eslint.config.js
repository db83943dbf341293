import config from '@oversample/eslint-config';
import globals from 'globals';

// The app runs in browsers; its tests and scripts run on Node.
export default [...config, { files: ['src/**/*.ts'], languageOptions: { globals: { ...globals.browser } } }];
