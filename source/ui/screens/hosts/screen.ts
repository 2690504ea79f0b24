import {moveActions} from '../../parts/list-moves.js';
import {defineScreen} from '../screen-module.js';
import {fleetProgress, hostsReducer, type HostsAction, type HostsState} from './state.js';
import HostsView from './view.js';

/** The host list of a fleet (several --host): each host, reachable or why not, its WARNs per section; `enter` opens one. */
export const hostsScreen = defineScreen<HostsState, HostsAction>({
	title: 'Host list (a fleet: several --host)',
	keys: [...moveActions, 'open'],
	onKey: hostsReducer,
	header(state) {
		const {audited, failed} = fleetProgress(state);
		return `Fleet of ${state.hosts.length} hosts over SSH - ${audited} audited${failed > 0 ? `, ${failed} not audited` : ''}`;
	},
	busy(state) {
		const {busy} = fleetProgress(state);
		return busy > 0 ? `auditing: ${busy} host${busy === 1 ? '' : 's'} to go` : undefined;
	},
	View: HostsView,
});
