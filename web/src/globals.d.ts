// CSS imports are bundled by esbuild (build.mjs).
declare module '*.css';
