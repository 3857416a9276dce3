import { SetMetadata } from '@nestjs/common';

export const COSTLY_KEY = 'koperasi:costly';

/** A route that reads or writes in bulk (exports, reports, imports): it also counts against the stricter costly limit. */
export const Costly = () => SetMetadata(COSTLY_KEY, true);
