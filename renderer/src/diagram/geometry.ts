/** Sizes shared by the canvas nodes and the exported diagram, so both look alike. */
export const nodeWidth = 200;
export const nodeHeight = 78;
