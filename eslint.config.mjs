// Lint: TypeScript rules plus the module boundaries (apps never import other apps; libs never import apps).
import tseslint from 'typescript-eslint';

const SERVICES = ['registry', 'mentoring', 'dissolution', 'console'];

const appBoundary = (service) => ({
  files: [`apps/${service}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: SERVICES.filter((other) => other !== service).map((other) => ({
          group: [`**/apps/${other}/**`, `**/${other}/src/**`],
          message: `apps/${service} must not import apps/${other}: share contracts through libs/contracts.`,
        })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  ...SERVICES.map(appBoundary),
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/apps/**'], message: 'libs must not import apps.' }] },
      ],
    },
  },
  {
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'bullmq', '**/apps/**', '@koperasi/platform'],
              message: 'contracts are plain TypeScript.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs,cjs}', '*.js', '*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
