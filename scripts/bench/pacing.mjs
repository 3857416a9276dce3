/**
 * Calls `send(i)` for i from 0 to count - 1 at `rate` per second, each as it falls due and without
 * waiting for the ones before; resolves when every send has, with the rate achieved.
 */
export async function paced(count, rate, send) {
  const started = Date.now();
  const inFlight = [];
  let sent = 0;
  while (sent < count) {
    const due = Math.min(count, Math.floor(((Date.now() - started) * rate) / 1000) + 1);
    for (; sent < due; sent += 1) inFlight.push(send(sent));
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(inFlight);
  const finished = Date.now();
  return { started, finished, sent, achievedRate: sent / ((finished - started) / 1000) };
}
