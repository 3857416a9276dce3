import { NotMeasured } from './seed.mjs';
export async function queueApiLoad() { throw new NotMeasured('the mentoring queue route has not landed yet'); }
