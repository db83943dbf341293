import { packageConfig } from '@oversample/tsup-config';

export default packageConfig({ entry: ['src/index.ts', 'src/svc.ts'] });
