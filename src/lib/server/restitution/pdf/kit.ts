/**
 * What a part draws its PDF sections with (see ../part.ts): measured boxes, text, and the
 * sections' building blocks. The page's own layout (fitting, the appendix, drawing) is not here.
 */
export * from './boxes';
export * from './blocks';
export { COLORS, paragraph, type Span, type TextStyle } from './text';
