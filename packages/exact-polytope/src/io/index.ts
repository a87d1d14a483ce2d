/**
 * cdd/lrs text format: `.ine` (H-representation) and `.ext` (V-representation) files.
 */
export { parseIne, formatIne, type IneData, type IneInput } from './ine.js';
export { parseExt, formatExt, type ExtData, type ExtInput } from './ext.js';
export { readCddText, type CddDocument, type CddNumberType } from './cdd-text.js';
export { CddFormatError, CddWriteError, type CddFormatProblem } from './errors.js';
