// Seeds the demo city into running services: node scripts/demo/seed-cli.mjs <registry-url> <mentoring-url> <dissolution-url>
import { seedCity } from './seed-city.mjs';

const [registry, mentoring, dissolution] = process.argv.slice(2);
if (!registry || !mentoring || !dissolution) {
  console.error('usage: node scripts/demo/seed-cli.mjs <registry-url> <mentoring-url> <dissolution-url>');
  process.exit(2);
}
try {
  await seedCity({ registry, mentoring, dissolution });
} catch (error) {
  console.error(error);
  process.exit(1);
}
