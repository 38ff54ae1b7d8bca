/** The drag-and-drop type of a node kind dragged from the palette onto the canvas; the canvas owns it because it is the one that reads it. */
export const kindMime = 'application/x-headroom-kind';
