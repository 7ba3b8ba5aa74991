export { richBodies } from "./rich-bodies.js";
export { fieldPaths, withValueAt, wrongValue } from "./wrong-values.js";
