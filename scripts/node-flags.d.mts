/** The Node.js flags the API runs with (node-flags.mjs). */
export declare const API_NODE_FLAGS: readonly string[];
