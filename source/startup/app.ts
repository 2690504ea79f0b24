/*
The entry of dist/app.cjs, the bundle of the whole app, and of dist/command.cjs, the same less the TUI
(scripts/build.mjs), which dist/cli.js runs through V8's code cache (source/startup/load-app.ts). Everything dockwarden
does is reached from `main`.
*/
export {endsInTui, main} from '../main.js';
export {onFirstFrame} from './first-frame.js';
