/**
 * `switchboard doctor | head -2`: once the reader has gone, the next write fails with EPIPE, and
 * an unhandled stream error prints a stack trace. The output nobody reads is all that is lost,
 * so the command ends there, quietly, with the exit code it had so far (as `cat` or `git log` do).
 */
export function endOnClosedPipe(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      process.exit();
    });
  }
}
