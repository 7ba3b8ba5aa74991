/** Whether `text` holds a C0 control character (NUL to U+001F) or DEL; PostgreSQL refuses NUL in text outright. */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
