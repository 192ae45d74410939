/** The Node.js flags the API runs with (node-flags.mjs). */
export declare const API_NODE_FLAGS: readonly string[];
/** Environment defaults the API runs with (node-flags.mjs). */
export declare const API_ENVIRONMENT: Readonly<Record<string, string>>;
/** `env`, with API_ENVIRONMENT's values where it sets none. */
export declare function apiEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
