import {useMemo, useState} from 'react';
import App from './app.js';
import type {SessionRecord} from '../../report/session-record.js';
import type {Services} from '../services.js';

type Props = {
	readonly services: Services;
	readonly onExit?: (code: number, record: SessionRecord) => void;
	/** --read-only: no fix, undo or waiver is offered, on the host or in the demo opened from it. */
	readonly readOnly?: boolean;
};

/**
The app over the host's services, or over the demo sandbox once the operator has asked for it (`d` when no Docker
daemon answers): the demo is a new app, with its own state, never entered without that key.
*/
export default function AppRoot({services, onExit, readOnly}: Props) {
	const [current, setCurrent] = useState(services);
	const {openDemo} = current;
	const onOpenDemo = useMemo(() => openDemo && (async () => {
		try {
			setCurrent(await openDemo());
			return undefined;
		} catch (error: unknown) {
			return error instanceof Error ? error.message : String(error);
		}
	}), [openDemo]);
	const demo = current.demo === true;
	const onAppExit = useMemo(() => onExit && ((code: number, record: SessionRecord) => {
		onExit(code, demo ? {...record, demo: true} : record);
	}), [onExit, demo]);
	return <App key={demo ? 'demo' : 'host'} services={current} onExit={onAppExit} onOpenDemo={onOpenDemo} readOnly={readOnly} />;
}
