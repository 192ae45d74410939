/** The most a relayed document may weigh (bytes). */
export const RELAY_MAX_BYTES = 512 * 1024;
