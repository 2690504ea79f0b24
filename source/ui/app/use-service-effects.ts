import {useEffect, useRef, type Dispatch} from 'react';
import type {Plan, PlanOutcome} from '../../model/plan.js';
import type {ProveOutcome} from '../../model/prove-outcome.js';
import type {Services} from '../services.js';
import type {AppAction, Effect, PlanAnswer, WaiverAnswer} from './app-state.js';

function message(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** A planner's outcome, or its error as a refusal. */
async function answer(planning: () => Promise<PlanOutcome>): Promise<PlanAnswer> {
	try {
		return await planning();
	} catch (error: unknown) {
		return {ok: false, reason: message(error)};
	}
}

/** The waiver service's answer, or its error as a refusal. */
async function waive(services: Services, id: string, reason: string, expires: string | undefined): Promise<WaiverAnswer> {
	try {
		return await services.addWaiver(id, reason, expires);
	} catch (error: unknown) {
		return {ok: false, reason: message(error)};
	}
}

/** The proof service's answer, or its absence or error as a refusal. */
async function prove(services: Services, id: string): Promise<ProveOutcome> {
	if (!services.proveAudit) {
		return {ok: false, reason: 'proving audit rules is not available here'};
	}

	try {
		return await services.proveAudit(id);
	} catch (error: unknown) {
		return {ok: false, reason: message(error)};
	}
}

/**
Carries out the effects the app reducer queues (runs, fix, batch and undo planning, reading the journal, applying,
adding a waiver, proving an audit rule, opening the demo sandbox (through `onOpenDemo`, which answers a failure's reason), going back to a fleet's host list (`onHostList`), exit), each exactly once, and feeds the answers back as actions. Running checks get an AbortController, aborted on exit and on unmount.
*/
export function useServiceEffects(effects: readonly Effect[], services: Services, dispatch: Dispatch<AppAction>, onExit: (code: number) => void, onOpenDemo?: () => Promise<string | undefined>, onHostList?: () => void): void {
	const started = useRef(0);
	const demoRef = useRef(onOpenDemo);
	demoRef.current = onOpenDemo;
	const controllers = useRef(new Set<AbortController>());
	const exitRef = useRef(onExit);
	exitRef.current = onExit;
	const hostListRef = useRef(onHostList);
	hostListRef.current = onHostList;

	useEffect(() => () => {
		for (const controller of controllers.current) {
			controller.abort();
		}
	}, []);

	useEffect(() => {
		const fresh = effects.filter(effect => effect.seq > started.current);
		if (fresh.length === 0) {
			return;
		}

		started.current = fresh.at(-1)!.seq;
		dispatch({type: 'effects-started', seq: started.current});
		for (const effect of fresh) {
			switch (effect.type) {
				case 'select-benchmark': {
					// Synchronous, and before the run queued after it: that run asks for the new version's ids.
					services.selectBenchmark(effect.version);
					break;
				}

				case 'run': {
					const controller = new AbortController();
					controllers.current.add(controller);
					const {runId} = effect;
					void (async () => {
						try {
							await services.run(effect.ids, result => {
								dispatch({type: 'result', runId, result});
							}, controller.signal);
							dispatch({type: 'run-finished', runId});
						} catch (error: unknown) {
							dispatch({type: 'run-finished', runId, error: controller.signal.aborted ? undefined : message(error)});
						} finally {
							controllers.current.delete(controller);
						}
					})();
					break;
				}

				case 'plan-fix': {
					const {checkId, unknownLauncher} = effect;
					void (async () => {
						dispatch({type: 'plan-ready', checkId, outcome: await answer(async () => services.planFix(checkId, unknownLauncher))});
					})();
					break;
				}

				case 'plan-batch': {
					const {ids, unknownLauncher} = effect;
					void (async () => {
						dispatch({type: 'batch-planned', ids, outcome: await answer(async () => services.planBatch(ids, unknownLauncher))});
					})();
					break;
				}

				case 'plan-undo': {
					const {entryId, force, unknownLauncher} = effect;
					void (async () => {
						dispatch({type: 'undo-planned', entryId, force, outcome: await answer(async () => services.planUndo(entryId, force, unknownLauncher))});
					})();
					break;
				}

				case 'load-journal': {
					void (async () => {
						try {
							dispatch({type: 'journal-loaded', outcome: {ok: true, entries: await services.journal()}});
						} catch (error: unknown) {
							dispatch({type: 'journal-loaded', outcome: {ok: false, error: message(error)}});
						}
					})();
					break;
				}

				case 'apply': {
					void apply(effect.plan, services, dispatch);
					break;
				}

				case 'add-waiver': {
					const {checkId, reason, expires} = effect;
					void (async () => {
						const outcome = await waive(services, checkId, reason, expires);
						dispatch({type: 'waiver-answered', checkId, reason, ...(expires === undefined ? {} : {expires}), outcome});
					})();
					break;
				}

				case 'prove-audit': {
					const {checkId} = effect;
					void (async () => {
						dispatch({type: 'proved', checkId, outcome: await prove(services, checkId)});
					})();
					break;
				}

				case 'open-demo': {
					void (async () => {
						const failure = await demoRef.current?.();
						if (failure !== undefined) {
							dispatch({type: 'demo-failed', reason: failure});
						}
					})();
					break;
				}

				case 'host-list': {
					hostListRef.current?.();
					break;
				}

				case 'exit': {
					for (const controller of controllers.current) {
						controller.abort();
					}

					exitRef.current(effect.code);
					break;
				}
			}
		}
	}, [effects, services, dispatch]);
}

async function apply(plan: Plan, services: Services, dispatch: Dispatch<AppAction>): Promise<void> {
	const steps: string[] = [];
	try {
		const outcome = await services.applyFix(plan, line => {
			steps.push(line);
			dispatch({type: 'apply-step', line});
		});
		dispatch({type: 'apply-finished', outcome});
	} catch (error: unknown) {
		dispatch({type: 'apply-finished', outcome: {ok: false, error: message(error), log: steps, rolledBack: false}});
	}
}
