/*
The entry of dist/app.cjs, the bundle of the whole app that dist/cli.js runs through V8's code cache
(source/startup/load-app.ts). Everything dockwarden does is reached from `main`.
*/
export {main} from '../main.js';
export {onFirstFrame} from './first-frame.js';
