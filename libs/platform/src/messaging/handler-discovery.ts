import { DiscoveryService, Reflector } from '@nestjs/core';

/** Providers carrying `metadataKey`, grouped by the metadata value (the caller checks for duplicates). */
export function discoverByMetadata<H>(
  discovery: DiscoveryService,
  reflector: Reflector,
  metadataKey: string,
): Map<string, H[]> {
  const handlers = new Map<string, H[]>();
  for (const wrapper of discovery.getProviders()) {
    const type = wrapper.metatype && reflector.get<string>(metadataKey, wrapper.metatype as object as never);
    if (!type || !wrapper.instance) continue;
    handlers.set(type, [...(handlers.get(type) ?? []), wrapper.instance as H]);
  }
  return handlers;
}
