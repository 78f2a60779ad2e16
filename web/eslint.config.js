// ESLint flat config for the web client (`npm run lint` runs tsc --noEmit first, then this).
// ESLint's and typescript-eslint's recommended rules; the browser code in src/, the service worker,
// the Vite config and the Node scripts of the browser tests each get their own globals.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Build output, dependencies and whatever the browser tests leave behind.
  { ignores: ['dist/', 'node_modules/', 'e2e/screenshots/', 'e2e/**/*.png', 'e2e/**/*.y4m'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // As tsc's noUnusedLocals: a leading _ marks what is left out on purpose, and the rest of an
      // object (`const { id: _id, ...rest } = x`) is how a property is dropped.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['vite.config.ts', 'eslint.config.js', 'e2e/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // The service worker (it declares the VERSION and ASSETS the build prepends itself).
    files: ['sw.js'],
    languageOptions: { sourceType: 'script', globals: globals.serviceworker },
  },
  {
    // The e2e scripts evaluate functions in the page (page.evaluate): those bodies see the browser.
    files: ['e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
