import type { Translator } from "../translator.js";
import { decodeRequest } from "./decode-request.js";
import { decodeOutcome } from "./decode-outcome.js";
import { decodeResponse } from "./decode-response.js";
import { createStreamDecoder, decodeStream } from "./decode-stream.js";
import { encodeRequest } from "./encode-request.js";
import { encodeResponse } from "./encode-response.js";
import { createStreamEncoder, encodeStream } from "./encode-stream.js";
import { untranslatedFeatures } from "./untranslated-features.js";

export const translator: Translator = {
  api: "openai-responses",
  decodeRequest,
  encodeRequest,
  decodeResponse,
  decodeOutcome,
  encodeResponse,
  decodeStream,
  createStreamDecoder,
  encodeStream,
  createStreamEncoder,
  untranslatedFeatures,
};
