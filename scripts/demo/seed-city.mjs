// Seeds the demo city through the services' APIs when the registry is empty.
export async function seedCity(urls) {
  void urls;
  console.log('demo seeding: not written yet');
}
