import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'migrations/**', 'src/gui/vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error'],
    },
  },
  { files: ['test/**', 'bench/**', 'scripts/**', 'src/gui/**'], rules: { 'no-console': 'off' } },
  // The dashboard runs in the browser as plain ES modules.
  { files: ['src/gui/**/*.js'], languageOptions: { sourceType: 'module', globals: globals.browser } },
);
