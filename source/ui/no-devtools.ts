/**
Stands in for react-devtools-core in the bundle: Ink loads it only when DEV=true, and dockwarden never ships the devtools.
*/
const devtools = {
	initialize() {},
	connectToDevTools() {},
};

export default devtools;
