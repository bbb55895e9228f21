/** A problem with the input itself (exit 2): one line naming the file or cell. Its own module, so `pay eval` loads nothing else. */
export class InputError extends Error {}
