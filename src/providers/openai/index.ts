export { createOpenAiProvider, isOpenAiChatModel, openAiDefaultBaseUrl } from "./create-openai-provider.js";
