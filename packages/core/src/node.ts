/**
 * Node-only helpers of `@oversample/core` (they read the file system), kept out of the main entry
 * so that it runs in browsers.
 */
export { findWorkspaceRoot, locateWorkspaceRoot } from './workspace.node.js';
