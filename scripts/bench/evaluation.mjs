import { NotMeasured } from './seed.mjs';
export async function annualEvaluation() { throw new NotMeasured('the registry evaluation API has not landed yet'); }
