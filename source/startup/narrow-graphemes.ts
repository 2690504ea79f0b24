import {narrowCharacters} from './narrow-text-width.js';

/** ASCII but CR (which holds on to a following LF) and the narrow characters: each is a grapheme cluster of its own. */
const ownClusters = new RegExp(`^[\\u0000-\\u000C\\u000E-\\u007F${narrowCharacters}]*$`);

let segmenter: Intl.Segmenter | undefined;

/** The segments of text whose every code unit is a grapheme cluster of its own, as Intl.Segmenter would give them. */
function codeUnitSegments(input: string): Intl.Segments {
	const at = (index: number): Intl.SegmentData => ({segment: input[index]!, index, input});
	return {
		containing(codeUnitIndex = 0) {
			const index = Math.trunc(Number(codeUnitIndex)) || 0;
			return index >= 0 && index < input.length ? at(index) : undefined;
		},
		* [Symbol.iterator](): Generator<Intl.SegmentData, undefined> {
			for (let index = 0; index < input.length; index++) {
				yield at(index);
			}

			return undefined;
		},
	};
}

/**
The grapheme clusters of a text, as `new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(text)` gives
them. Ink's output code segments every line of every frame; the first segmenter starts ICU, which costs about 20 ms.
For text where each code unit is a cluster of its own, which is nearly all dockwarden shows, none is needed.
*/
export function graphemeSegments(text: string): Intl.Segments {
	if (ownClusters.test(text)) {
		return codeUnitSegments(text);
	}

	segmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'});
	return segmenter.segment(text);
}
