import type {ScreenContext} from '../screens/transition.js';
import {moduleOf, type Screen} from './registry.js';

type Props = {
	readonly screen: Screen;
	readonly context: ScreenContext;
};

/** The view of the screen on top of the stack, as the screen table names it. */
export default function ScreenView({screen, context}: Props) {
	const {View} = moduleOf(screen);
	return <View state={screen.state} context={context} />;
}
