import type { ConfigFile } from "../../../src/config/index.js";
import { referenceServer } from "../../mcp/support/reference-servers.js";

/** The reference memory and filesystem servers over stdio, as a team would configure them. */
export function referenceMcpServers(options: { memoryFile: string; folder: string }): ConfigFile["mcp_servers"] {
  return {
    memory: {
      command: process.execPath,
      args: [referenceServer.memory],
      env: { MEMORY_FILE_PATH: options.memoryFile },
    },
    filesystem: { command: process.execPath, args: [referenceServer.filesystem, options.folder] },
  };
}
