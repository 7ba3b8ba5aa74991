/**
 * Joins what a stream pipeline produces from one upstream read into one chunk. A translated
 * upstream read of 40 events becomes 40-odd client events; handed out one by one, each crosses
 * every async layer between here and the socket. Here the pipeline's input is watched: when it
 * asks the upstream for more bytes, everything made from the previous bytes is handed out at once.
 * Nothing waits for a later read, so streams still go out chunk by chunk as the upstream sends them.
 */
export async function* batchByRead<T>(
  source: AsyncIterator<T>,
  build: (input: AsyncIterable<T>) => AsyncIterable<string>,
): AsyncGenerator<string> {
  const readRequested = Symbol("read requested");
  let signalRead: (() => void) | undefined;
  let readSignal: Promise<typeof readRequested> | undefined;
  const watched: AsyncIterable<T> = {
    [Symbol.asyncIterator]: () => ({
      next: () => {
        signalRead?.();
        return source.next();
      },
      return: async () => (await source.return?.()) ?? { value: undefined, done: true },
    }),
  };
  const output = build(watched)[Symbol.asyncIterator]();
  let pending = "";
  let inFlight: Promise<IteratorResult<string>> | undefined;
  try {
    for (;;) {
      readSignal ??= new Promise((resolve) => (signalRead = () => resolve(readRequested)));
      inFlight = output.next();
      let result = await Promise.race([inFlight, readSignal]);
      if (result === readRequested) {
        readSignal = undefined;
        signalRead = undefined;
        if (pending !== "") {
          const batch = pending;
          pending = "";
          yield batch;
        }
        result = await inFlight;
      }
      inFlight = undefined;
      if (result.done === true) break;
      pending += result.value;
    }
    if (pending !== "") yield pending;
  } catch (error) {
    // What was made before the failure still goes out, ahead of the error the caller renders.
    if (pending !== "") yield pending;
    throw error;
  } finally {
    if (inFlight === undefined) await output.return?.();
    else {
      // Stopped while the pipeline waits on the upstream: do not wait for it (the caller destroys
      // the upstream body, which ends the read); only keep its outcome from going unhandled.
      inFlight.catch(() => undefined);
      void output.return?.()?.catch(() => undefined);
    }
  }
}
