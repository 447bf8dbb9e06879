// ES module entry of the Hitch client: import HitchClient from "./js/hitch.mjs";
// hitch.js is a classic script that defines globalThis.HitchClient; it is loaded here for that side effect.
import "./hitch.js";

const HitchClient = globalThis.HitchClient;
const HitchError = HitchClient.HitchError;

export { HitchClient, HitchError };
export default HitchClient;
