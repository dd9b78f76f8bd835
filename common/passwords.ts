/** Password rules shared by the server and the web UI (a plain module: no schema library in the bundle). */
export const PASSWORD_MIN_LENGTH = 12;
