import { NotMeasured } from './seed.mjs';
export async function eventLatency() { throw new NotMeasured('no route to drive status changes yet'); }
