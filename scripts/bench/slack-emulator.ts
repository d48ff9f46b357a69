// Runs the sandbox Slack workspace on its own, as a stand-in for Slack in benchmarks: Vigil then talks to
// it over the network in Slack mode, as it would to Slack. Prints its URL once listening.
import { createSlackEmulator } from '../../src/sandbox/emulator.js';

const [botToken, signingSecret] = process.argv.slice(2);
if (!botToken || !signingSecret) throw new Error('usage: slack-emulator <bot token> <signing secret>');
const emulator = createSlackEmulator({ botToken, signingSecret });
const url = await emulator.listen(0);
console.log(`slack ${url}`);
