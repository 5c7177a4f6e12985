// Lint: typescript-eslint's recommended rules, no import cycles (type imports included), and
// the layers below, lowest first: a module may import its own layer and those under it, never
// one above. Formatting is Prettier's (`npm run format`), checked by `npm run lint`.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const LAYERS = [
  ['src/{model,interrupted,memo}.ts', 'src/channels/**', 'src/messages/**'],
  ['src/config/**', 'src/read/**'],
  ['src/write/**'],
  ['src/parse/**', 'src/extract/**', 'src/plan/**', 'src/caption/**', 'src/review/**', 'src/override/**'],
  ['src/render/**'],
  ['src/export/**', 'src/import/**', 'src/video/**'],
  ['src/{analyze,assemble,make,progress}.ts', 'src/setup/**'],
  ['src/{pipeline,check,build,warm-up}.ts'],
  ['src/preview/**', 'src/terminal/**', 'src/{cli,index}.ts'],
];

/** One zone per layer: its files may not import any file of a layer above it. */
const zones = LAYERS.slice(0, -1).map((layer, index) => ({
  target: layer.map((glob) => `./${glob}`),
  from: LAYERS.slice(index + 1)
    .flat()
    .map((glob) => `./${glob}`),
  except: [],
  message: 'a lower layer imports a higher one (see the layers in eslint.config.js and README)',
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'output/**', '.facet-cache/**', 'src/preview/client/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  importX.flatConfigs.typescript,
  {
    files: ['**/*.ts'],
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones }] },
  },
);
