// Type declarations of the ES module entry hitch.mjs; the API itself is declared in hitch.d.ts.
import HitchClient = require("./hitch.js");

export declare const HitchError: typeof HitchClient.HitchError;
export type HitchError = HitchClient.HitchError;
export { HitchClient };
export default HitchClient;
