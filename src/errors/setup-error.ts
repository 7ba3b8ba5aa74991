/**
 * A fault of the machine or the setup that stops a command (a file that cannot be read, a folder
 * that cannot be made, a login that no longer works). Its message is one or two sentences for the
 * user, naming the file or address and what to do; the CLI prints it without a stack.
 */
export class SetupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SetupError";
  }
}

/** Why a file or folder operation failed, in words (the `code` of a Node fs error). */
export function fileFaultReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied (check its owner and mode)";
    case "EISDIR":
      return "it is a folder, not a file";
    case "ENOTDIR":
      return "a file stands where a folder of its path should be";
    case "ENOENT":
      return "it does not exist";
    case "EROFS":
      return "the file system is read-only";
    case "ENOSPC":
      return "the disk is full";
    default:
      return (error as Error | undefined)?.message ?? String(error);
  }
}
