/*
The linter the code was written for (npm run lint; part of npm test). Rules the code already follows, in the house style
of design.md §8: tabs, single quotes, semicolons; the recommended rules of ESLint and typescript-eslint; the rules of
hooks; no file in source/ over 400 lines; and every disable comment names its reason
(`// eslint-disable-next-line RULE -- why`), or it fails.
*/
import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import stylistic from '@stylistic/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['dist/', 'node_modules/', 'media/', '.dist-*/']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	comments.recommended,
	{
		files: ['**/*.{ts,tsx,js,mjs,cjs}'],
		languageOptions: {
			globals: {...globals.node},
		},
		linterOptions: {reportUnusedDisableDirectives: 'error'},
		plugins: {'@stylistic': stylistic, 'react-hooks': reactHooks},
		rules: {
			'@eslint-community/eslint-comments/require-description': 'error',
			'@eslint-community/eslint-comments/no-unused-disable': 'error',
			// The classic rules of hooks; the React Compiler rules of the plugin's newer presets are for compiled code, which this is not.
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'error',
			// Work that must happen in order says so where it waits (a disable comment with its reason).
			'no-await-in-loop': 'error',
			'no-new-func': 'error',
			'prefer-const': ['error', {destructuring: 'all'}],
			// The sanitiser and the tests of what it removes match control characters on purpose.
			'no-control-regex': 'off',
			// `catch {}` is how the code says "best effort": a failure there changes nothing.
			'no-empty': ['error', {allowEmptyCatch: true}],
			'@typescript-eslint/no-unused-vars': ['error', {
				argsIgnorePattern: '^_',
				varsIgnorePattern: '^_',
				destructuredArrayIgnorePattern: '^_',
				ignoreRestSiblings: true,
			}],
			'@stylistic/indent': ['error', 'tab'],
			'@stylistic/quotes': ['error', 'single', {avoidEscape: true, allowTemplateLiterals: 'always'}],
			'@stylistic/semi': ['error', 'always'],
		},
	},
	{
		files: ['source/**'],
		rules: {
			'max-lines': ['error', {max: 400}],
		},
	},
	{
		// Tests, benchmarks and the media scripts drive one thing after another (keys, polls, commands) on purpose.
		files: ['test/**'],
		rules: {
			'no-await-in-loop': 'off',
		},
	},
	{
		// Injected into the CommonJS bundle dist/app.cjs, where `require` and `__filename` are what there is.
		files: ['scripts/esbuild/import-meta.js'],
		rules: {
			'@typescript-eslint/no-require-imports': 'off',
		},
	},
);
