import { startCity, type City } from './support/city';
import {
  seedDemoCity,
  expectDemoFigures,
  expectDemoQueueTabs,
  expectDemoReactivationReport,
} from './support/demo-city-figures';

describe('the demo city and the reactivation report', () => {
  let city: City;

  beforeAll(async () => {
    city = await startCity();
    await seedDemoCity(city.urls);
  }, 240_000);

  afterAll(() => city?.close());

  it('reads exactly as the published figures once the events have settled', () => expectDemoFigures(city.urls));

  it('fills every queue tab: requests received weeks ago are overdue or due soon, and their SLA notices reach the assignees', () =>
    expectDemoQueueTabs(city.urls));

  it('answers the reactivation report in agreement with the registry for the same period', () =>
    expectDemoReactivationReport(city.urls));
});
