// Children receive their settings as the first IPC message (command lines are too short for
// ten thousand cooperative ids).
export function receivePayload() {
  return new Promise((resolve) => process.once('message', resolve));
}
