export {
  anthropicDefaultBaseUrl,
  anthropicDefaultVersion,
  createAnthropicProvider,
} from "./create-anthropic-provider.js";
