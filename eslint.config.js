// ESLint flat config: type-aware typescript-eslint rules over src/ and test/; formatting is Prettier's job
// (eslint-config-prettier turns off every stylistic rule that would fight it).
import js from '@eslint/js';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'runs/**', 'test-output/**', '.cache/**', '.venv/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // console belongs to cli/ only (architecture convention 9); tests and scripts may print.
      'no-console': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  { files: ['src/cli/**/*.ts'], rules: { 'no-console': 'off' } },
  {
    files: ['test/**/*.ts', 'vitest.config.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Plain-JS node scripts: the bin shim, bench scripts and the fake trainer/worker fixtures.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-console': 'off' },
  },
  // TypeScript checks undefined names itself (typescript-eslint's advice: no-undef off for .ts).
  { files: ['**/*.ts'], rules: { 'no-undef': 'off' } },
  prettier,
  {
    // Prettier wraps code at 120 but leaves comments and strings alone: comments must fit; a long message
    // string stays whole so it can be found with grep.
    rules: {
      'max-len': [
        'error',
        {
          code: 120,
          ignoreUrls: true,
          ignoreRegExpLiterals: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignorePattern: '^import ',
        },
      ],
    },
  },
);
