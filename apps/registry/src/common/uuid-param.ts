/** The shared malformed-id answer lives in libs/platform; registry modules import it from here too. */
export { UuidParam } from '@koperasi/platform';
