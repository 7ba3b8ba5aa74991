import { buildProgram } from "./build-program.js";
import { endOnClosedPipe } from "./end-on-closed-pipe.js";

endOnClosedPipe();
await buildProgram().parseAsync(process.argv);
