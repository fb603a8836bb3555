// The bus's size bounds on names, patterns and selector values: every string the bus matches is bounded,
// so no input can make a match walk (or an error message) grow without limit.

/** The longest event name, event pattern, artifact key or selector value the bus accepts, in characters. */
export const MAX_NAME_LENGTH = 1024;
/** The most `:`-separated segments an event name, event pattern or artifact key may have. */
export const MAX_SEGMENTS = 64;

const COLON = 58; // ':'

/** Why `text` is too long or has too many `:` segments for the bus; undefined when it fits. */
export function sizeProblem(text: string): string | undefined {
  if (text.length > MAX_NAME_LENGTH) return `it is ${text.length} characters long; the limit is ${MAX_NAME_LENGTH}`;
  let segments = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === COLON) segments++;
  if (segments > MAX_SEGMENTS) return `it has ${segments} ":"-separated segments; the limit is ${MAX_SEGMENTS}`;
  return undefined;
}
