export class NotMeasured extends Error {}
export async function seed() { throw new NotMeasured('the registry tables have not landed yet'); }
